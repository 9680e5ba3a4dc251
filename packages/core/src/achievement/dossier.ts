import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AgencyKind, EventType, dossierInputSchema, parseInput } from '@kim/contracts';
import {
  achievementRepository,
  agencyRepository,
  dossierRepository,
  personRepository,
  type DossierRow,
} from '@kim/persistence';
import { DomainError, existing, invalidInput, notFound } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { caseForStaff } from '../case/case-scope.js';
import { decideDisclosure } from '../consent/consent-check.js';
import { audit, type AuditEntry } from '../ledger/audit.js';
import { appendTimeline } from '../ledger/timeline.js';
import { writeOutbox, type OutboxWrite } from '../outbox/write.js';
import type { OutboxPublisher } from '../outbox/publisher.js';
import {
  DOSSIER_CATEGORIES,
  DOSSIER_PURPOSE,
  DOSSIER_REQUIRED_CATEGORY,
  onConsentOnly,
} from '../outbox/dossier-message.js';

/** Only these receive a dossier: the authorities that decide on residence and naturalisation. */
const DOSSIER_RECIPIENTS: readonly string[] = [AgencyKind.FOREIGNERS_AUTHORITY, AgencyKind.NATURALISATION_AUTHORITY];

function parse<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    return invalidInput(e);
  }
}

type Outcome =
  | { kind: 'queued'; dossier: DossierRow; outbox: OutboxWrite }
  | { kind: 'refused'; error: DomainError; entry: AuditEntry };

/**
 * The case manager sends a dossier of chosen achievements to the foreigners' or naturalisation
 * authority. Consent is checked now (a clear refusal, nothing written) and again when the
 * message is built (outbox/dossier-message.ts): a consent revoked meanwhile suppresses it.
 */
export class DossierCommands {
  constructor(
    private readonly ds: DataSource,
    private readonly publisher: OutboxPublisher,
  ) {}

  async send(p: Principal, raw: unknown, traceId: string): Promise<DossierRow> {
    const input = parse(() => parseInput(dossierInputSchema, raw, 'dossier'));
    const outcome = await this.ds.transaction(async (m): Promise<Outcome> => {
      const c = await caseForStaff(m, p, input.caseId, true);
      const agency = await agencyRepository.byId(m, p.tenantId, input.agencyId);
      if (!agency) throw notFound('agency', input.agencyId);
      if (!DOSSIER_RECIPIENTS.includes(agency.kind)) {
        throw new DomainError(
          'INVALID_INPUT',
          `a dossier goes only to a foreigners' or naturalisation authority, not to ${agency.name}`,
          {
            problems: [{ path: 'agencyId', message: "a foreigners' or naturalisation authority" }],
          },
        );
      }
      const chosen = await achievementRepository.byIds(m, p.tenantId, input.achievementIds);
      const usable = new Set(chosen.filter((a) => a.caseId === c.id && a.supersededAt === null).map((a) => a.id));
      const bad = input.achievementIds.filter((id) => !usable.has(id));
      if (bad.length > 0) {
        throw new DomainError('INVALID_INPUT', `not a current achievement of this case: ${bad.join(', ')}`, {
          problems: bad.map((id) => ({
            path: 'achievementIds',
            message: `${id} is not a current achievement of this case`,
          })),
        });
      }
      const refused = (reason: string, error: DomainError): Outcome => ({
        kind: 'refused',
        error,
        entry: {
          action: 'dossier.send',
          subjectType: 'case',
          subjectId: c.id,
          categories: DOSSIER_CATEGORIES,
          allowed: false,
          reason,
          personId: c.personId,
          agencyId: agency.id,
        },
      });
      const person = existing((await personRepository.byIds(m, p.tenantId, [c.personId]))[0], 'person', c.personId);
      if (person.doNotContact) {
        return refused(
          'do not contact',
          new DomainError(
            'DO_NOT_CONTACT',
            `the person asked not to be contacted by agencies; dossier to ${agency.name} not sent`,
          ),
        );
      }
      const decision = onConsentOnly(
        await decideDisclosure(m, {
          tenantId: p.tenantId,
          personId: c.personId,
          caseId: c.id,
          agency: { id: agency.id, kind: agency.kind },
          purpose: DOSSIER_PURPOSE,
          categories: DOSSIER_CATEGORIES,
          at: new Date(),
        }),
      );
      if (!decision.allowed.includes(DOSSIER_REQUIRED_CATEGORY)) {
        const why = decision.denied.find((d) => d.category === DOSSIER_REQUIRED_CATEGORY);
        return refused(
          `${DOSSIER_REQUIRED_CATEGORY}: ${why?.reason ?? 'not covered'}`,
          new DomainError(
            'CONSENT_REQUIRED',
            `no valid consent or legal basis covers a dossier to ${agency.name}: it needs the person's consent naming ${agency.name}, for case coordination, covering education and work`,
            { reason: why?.reason ?? 'not covered', denied: decision.denied },
          ),
        );
      }
      const outbox = await writeOutbox(m, {
        tenantId: p.tenantId,
        agencyId: agency.id,
        eventType: EventType.DOSSIER_SUBMITTED,
        traceId,
      });
      const dossier = await dossierRepository.insert(m, {
        tenantId: p.tenantId,
        id: randomUUID(),
        caseId: c.id,
        agencyId: agency.id,
        achievementIds: input.achievementIds,
        note: input.note ?? null,
        outboxId: outbox.outboxId,
        createdBy: p.kind === 'staff' ? p.userId : '00000000-0000-0000-0000-000000000000',
      });
      await appendTimeline(m, p, {
        caseId: c.id,
        kind: 'dossier.queued',
        summary: {
          code: 'dossier.queued',
          params: { count: String(input.achievementIds.length), agency: agency.name },
        },
        data: { dossierId: dossier.id, agencyId: agency.id, achievements: input.achievementIds },
      });
      return { kind: 'queued', dossier, outbox };
    });
    if (outcome.kind === 'refused') {
      // Nothing was written; the refusal is recorded on its own.
      await this.ds.transaction((m) => audit(m, p, outcome.entry));
      throw outcome.error;
    }
    await this.publisher.publish([outcome.outbox]);
    return outcome.dossier;
  }
}
