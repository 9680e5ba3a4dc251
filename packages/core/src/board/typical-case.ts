import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { localDay } from '@kim/consent';
import { HUB_TIME_ZONE, StaffRole } from '@kim/contracts';
import { typicalCaseRepository } from '@kim/persistence';
import { audit } from '../ledger/audit.js';
import { caseForStaff, type CaseRow } from '../case/case-scope.js';
import { DomainError, forbidden } from '../common/errors.js';
import type { Principal } from '../common/principal.js';

/**
 * A case reconstructed for a working group ("Arbeit am typischen Fall"): the merged
 * cross-agency course of the case, without anything that names the person. No names,
 * identifiers, municipality, free text (summaries, notes, reasons, outcomes and the residence
 * status as typed may name people), and no date: every day is counted from the case's opening,
 * and the arrival and the birth date appear only as bands (time since arrival at the opening,
 * age at the opening), so neither comes back from the offsets, not even for a reader who knows
 * a date of the case (an agency knows when it received its referral). The case and its
 * referrals get pseudonyms made fresh for each export, so two exports cannot be linked to each
 * other or to the hub's ids. Every export, and every refused one, is in the audit ledger.
 */
export interface TypicalCaseExport {
  format: 'kim-hub/typical-case/v2';
  pseudonym: string;
  /** What day 0 is: always the day the case was opened. */
  dayZero: 'case-opened';
  person: {
    /** Ten-year band of the age when the case was opened, e.g. "20-29"; null when unknown. */
    ageBandAtOpening: string | null;
    /** How long the person had been in Germany when the case was opened, as a band. */
    timeSinceArrivalAtOpening: ArrivalBand | null;
    /** The kind of residence title, from a closed list (never the text as typed). */
    residenceStatus: ResidenceKind | null;
    languages: number;
  };
  regionalArea: string;
  phase: string;
  openedDay: 0;
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

export type ArrivalBand = 'under-6-months' | '6-to-12-months' | '1-to-2-years' | '2-to-5-years' | '5-years-or-more';
export type ResidenceKind =
  | 'aufenthaltsgestattung'
  | 'duldung'
  | 'aufenthaltserlaubnis'
  | 'niederlassungserlaubnis'
  | 'daueraufenthalt-eu'
  | 'eu-freizuegigkeit'
  | 'other';

const DAY = 86_400_000;
const berlinDate = (d: Date) => localDay(d, HUB_TIME_ZONE);
const dayIndex = (isoDate: string) => Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY);

/** Days in Germany when the case opened, as a band wide enough that a known date reveals no arrival day. */
export function arrivalBand(daysInGermany: number): ArrivalBand {
  if (daysInGermany < 183) return 'under-6-months';
  if (daysInGermany < 365) return '6-to-12-months';
  if (daysInGermany < 730) return '1-to-2-years';
  if (daysInGermany < 1826) return '2-to-5-years';
  return '5-years-or-more';
}

/** The kind of residence title in the typed text, by the words of the AufenthG/AsylG. */
export function residenceKind(text: string): ResidenceKind {
  const t = text.toLowerCase();
  if (t.includes('gestattung')) return 'aufenthaltsgestattung';
  if (t.includes('duldung')) return 'duldung';
  if (t.includes('daueraufenthalt')) return 'daueraufenthalt-eu';
  if (t.includes('niederlassung')) return 'niederlassungserlaubnis';
  if (t.includes('freizügigkeit') || t.includes('freizuegigkeit')) return 'eu-freizuegigkeit';
  if (t.includes('aufenthaltserlaubnis') || t.includes('aufenthaltstitel')) return 'aufenthaltserlaubnis';
  return 'other';
}

export class TypicalCases {
  constructor(private readonly ds: DataSource) {}

  /** Coordinators, for cases of the area they supervise. Recorded in the ledger, refusals too. */
  async export(p: Principal, caseId: string): Promise<TypicalCaseExport> {
    if (p.kind !== 'staff' || p.role !== StaffRole.COORDINATOR) throw forbidden('coordinators only');
    let c: CaseRow;
    try {
      c = await caseForStaff(this.ds.manager, p, caseId);
    } catch (e) {
      if (e instanceof DomainError) {
        await this.ds.transaction((m) =>
          audit(m, p, {
            action: 'report.typical-case',
            subjectType: 'case',
            subjectId: caseId,
            allowed: false,
            reason: e.message,
          }),
        );
      }
      throw e;
    }
    const person = await typicalCaseRepository.person(this.ds, p.tenantId, c.personId);
    const region = await typicalCaseRepository.region(this.ds, p.tenantId, c.regionId);
    const opened = berlinDate(c.openedAt);
    const zero = dayIndex(opened);
    const rel = (d: Date | null) => (d ? dayIndex(berlinDate(d)) - zero : null);
    const [needs, goals, referrals, events] = await Promise.all([
      typicalCaseRepository.needs(this.ds, p.tenantId, caseId),
      typicalCaseRepository.goals(this.ds, p.tenantId, caseId),
      typicalCaseRepository.referrals(this.ds, p.tenantId, caseId),
      typicalCaseRepository.events(this.ds, p.tenantId, caseId),
    ]);
    const pseudo = new Map(referrals.map((r, i) => [r.id, `V${i + 1}`]));
    let ageBand: string | null = null;
    if (person?.birth && person.precision !== 'unknown') {
      // By years only: a placeholder 01.01. says nothing more than the year anyway.
      const age = Number(opened.slice(0, 4)) - Number(person.birth.slice(0, 4));
      const lo = Math.floor(age / 10) * 10;
      ageBand = `${lo}-${lo + 9}`;
    }
    const out: TypicalCaseExport = {
      format: 'kim-hub/typical-case/v2',
      pseudonym: `TF-${randomBytes(4).toString('hex').toUpperCase()}`,
      dayZero: 'case-opened',
      person: {
        ageBandAtOpening: ageBand,
        timeSinceArrivalAtOpening: person?.arrival ? arrivalBand(zero - dayIndex(person.arrival)) : null,
        residenceStatus: person?.residence ? residenceKind(person.residence) : null,
        languages: person?.languages.length ?? 0,
      },
      regionalArea: region?.name ?? '',
      phase: c.phase,
      openedDay: 0,
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
    // Who exported how many cases of which area; the pseudonym is not kept, so the file stays unlinkable.
    await this.ds.transaction((m) =>
      audit(m, p, {
        action: 'report.typical-case',
        subjectType: 'coordination-area',
        subjectId: region?.area ?? c.regionId,
        personId: c.personId,
        allowed: true,
        reason: 'typical-case export: 1 case',
      }),
    );
    return out;
  }
}
