import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { localDay } from '@kim/consent';
import { StaffRole } from '@kim/contracts';
import { caseForStaff } from '../case-scope.js';
import { forbidden } from '../errors.js';
import type { Principal } from '../principal.js';

/**
 * A case reconstructed for a working group ("Arbeit am typischen Fall"): the merged
 * cross-agency course of the case, without anything that names the person. No names,
 * identifiers, birth date, municipality, free text (summaries, notes, reasons, outcomes may
 * name people); dates as days since arrival (or since the case opened where arrival is
 * unknown); the case and its referrals under pseudonyms made fresh for each export, so two
 * exports cannot be linked to each other or to the hub's ids.
 */
export interface TypicalCaseExport {
  format: 'kim-hub/typical-case/v1';
  pseudonym: string;
  /** What day 0 is. */
  dayZero: 'arrival' | 'case-opened';
  person: { ageBandAtArrival: string | null; residenceStatus: string | null; languages: number };
  regionalArea: string;
  phase: string;
  openedDay: number;
  closedDay: number | null;
  needs: string[];
  goals: { domain: string; status: string }[];
  referrals: {
    pseudonym: string;
    agencyKind: string;
    legalDomain: string;
    service: string;
    status: string;
    requestedDay: number | null;
    acceptedDay: number | null;
    startedDay: number | null;
    finishedDay: number | null;
  }[];
  timeline: { day: number; kind: string; actorRole: string; referral: string | null; status: string | null }[];
}

const DAY = 86_400_000;
const berlinDate = (d: Date) => localDay(d, 'Europe/Berlin');
const dayIndex = (isoDate: string) => Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY);

export class TypicalCases {
  constructor(private readonly ds: DataSource) {}

  /** Coordinators, for cases of the area they supervise. */
  async export(p: Principal, caseId: string): Promise<TypicalCaseExport> {
    if (p.kind !== 'staff' || p.role !== StaffRole.COORDINATOR) throw forbidden('coordinators only');
    const c = await caseForStaff(this.ds.manager, p, caseId);
    const [person] = await this.ds.query<
      {
        arrival: string | null;
        birth: string | null;
        precision: string;
        residence: string | null;
        languages: string[];
      }[]
    >(
      `SELECT arrival_date::text AS arrival, birth_date::text AS birth, birth_date_precision AS precision,
              residence_status AS residence, languages FROM persons WHERE tenant_id = $1 AND id = $2`,
      [p.tenantId, c.personId],
    );
    const [region] = await this.ds.query<{ name: string }[]>(
      `SELECT name FROM regions WHERE tenant_id = $1 AND id = $2`,
      [p.tenantId, c.regionId],
    );
    const zero = person?.arrival ? dayIndex(person.arrival) : dayIndex(berlinDate(c.openedAt));
    const rel = (d: Date | null) => (d ? dayIndex(berlinDate(d)) - zero : null);
    const [needs, goals, referrals, events] = await Promise.all([
      this.ds.query<{ domain: string }[]>(
        `SELECT DISTINCT domain FROM case_needs WHERE tenant_id = $1 AND case_id = $2 ORDER BY domain`,
        [p.tenantId, caseId],
      ),
      this.ds.query<{ domain: string; status: string }[]>(
        `SELECT domain, status FROM goals WHERE tenant_id = $1 AND case_id = $2 ORDER BY created_at, id`,
        [p.tenantId, caseId],
      ),
      this.ds.query<
        {
          id: string;
          kind: string;
          legal_domain: string;
          service: string;
          status: string;
          requested_at: Date | null;
          accepted_at: Date | null;
          started_at: Date | null;
          finished_at: Date | null;
        }[]
      >(
        `SELECT f.id, a.kind, a.legal_domain, s.name AS service, f.status, f.requested_at, f.accepted_at, f.started_at, f.finished_at
           FROM referrals f JOIN agencies a ON a.tenant_id = f.tenant_id AND a.id = f.agency_id
           JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
          WHERE f.tenant_id = $1 AND f.case_id = $2 ORDER BY coalesce(f.requested_at, f.created_at), f.id`,
        [p.tenantId, caseId],
      ),
      this.ds.query<
        { kind: string; occurred_at: Date; actor_role: string; referral_id: string | null; data: { to?: unknown } }[]
      >(
        `SELECT kind, occurred_at, actor_role, referral_id, data FROM timeline_events
          WHERE tenant_id = $1 AND case_id = $2 ORDER BY occurred_at, recorded_at, id`,
        [p.tenantId, caseId],
      ),
    ]);
    const pseudo = new Map(referrals.map((r, i) => [r.id, `V${i + 1}`]));
    let ageBand: string | null = null;
    if (person?.birth && person.precision !== 'unknown') {
      const ref = person.arrival ?? berlinDate(c.openedAt);
      const age = Number(ref.slice(0, 4)) - Number(person.birth.slice(0, 4));
      const lo = Math.floor(age / 10) * 10;
      ageBand = `${lo}-${lo + 9}`;
    }
    return {
      format: 'kim-hub/typical-case/v1',
      pseudonym: `TF-${randomBytes(4).toString('hex').toUpperCase()}`,
      dayZero: person?.arrival ? 'arrival' : 'case-opened',
      person: {
        ageBandAtArrival: ageBand,
        residenceStatus: person?.residence ?? null,
        languages: person?.languages.length ?? 0,
      },
      regionalArea: region?.name ?? '',
      phase: c.phase,
      openedDay: rel(c.openedAt)!,
      closedDay: rel(c.closedAt),
      needs: needs.map((n) => n.domain),
      goals: goals.map((g) => ({ domain: g.domain, status: g.status })),
      referrals: referrals.map((r) => ({
        pseudonym: pseudo.get(r.id)!,
        agencyKind: r.kind,
        legalDomain: r.legal_domain,
        service: r.service,
        status: r.status,
        requestedDay: rel(r.requested_at),
        acceptedDay: rel(r.accepted_at),
        startedDay: rel(r.started_at),
        finishedDay: rel(r.finished_at),
      })),
      timeline: events.map((e) => ({
        day: rel(e.occurred_at)!,
        kind: e.kind,
        actorRole: e.actor_role,
        referral: e.referral_id ? (pseudo.get(e.referral_id) ?? null) : null,
        status: e.kind === 'referral.status-changed' && typeof e.data?.to === 'string' ? e.data.to : null,
      })),
    };
  }
}
