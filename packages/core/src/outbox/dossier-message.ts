import type { EntityManager } from 'typeorm';
import type { Decision } from '@kim/consent';
import {
  DataCategory,
  EventType,
  Purpose,
  type DossierAchievement,
  type DossierSubmittedData,
  type TimelineSummary,
} from '@kim/contracts';
import { buildCloudEvent } from '@kim/messaging';
import {
  achievementRepository,
  dossierRepository,
  outboxRepository,
  personRepository,
  type AchievementRow,
  type AgencyRow,
} from '@kim/persistence';
import { existing } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { loadCase } from '../case/case-scope.js';
import { decideDisclosure } from '../consent/consent-check.js';
import { disclosePerson } from '../disclosure/disclosure.js';
import { audit } from '../ledger/audit.js';
import { appendTimeline } from '../ledger/timeline.js';
import type { BuildableMessage, BuiltMessage } from './build.js';

/**
 * What a dossier discloses, and for what: the achievements are education and work; identity
 * goes with them only where the consent covers it too. The purpose is case coordination: the
 * exchange between case management and the authority about the person's achievements (Baustein 3).
 */
export const DOSSIER_PURPOSE = Purpose.CASE_COORDINATION;
export const DOSSIER_CATEGORIES = [DataCategory.IDENTITY, DataCategory.EDUCATION_WORK];
/** Without this category a dossier carries nothing: the achievements are education and work. */
export const DOSSIER_REQUIRED_CATEGORY = DataCategory.EDUCATION_WORK;

export const DOSSIER_NOTICE =
  'Übersicht der Integrationsleistungen, übermittelt mit Einwilligung der Person. Über Aufenthalt und Einbürgerung entscheidet allein die Behörde. / Overview of integration achievements, sent with the person\u2019s consent. The authority alone decides on residence and naturalisation.';

/**
 * A dossier goes only where the person's own consent carries it (Baustein 3: the exchange about
 * achievements happens only with the person's consent). Of a decision, the categories a consent
 * covers; one that only a legal basis covers (however confirmed, e.g. § 8 IntV for the course)
 * is denied: the dossier is the person's choice, not an authority's entitlement.
 */
export function onConsentOnly(decision: Decision): Decision {
  const byConsent = (category: string) => decision.basis.some((b) => b.category === category && b.type === 'consent');
  return {
    allowed: decision.allowed.filter(byConsent),
    basis: decision.basis.filter((b) => b.type === 'consent'),
    denied: [
      ...decision.denied,
      ...decision.allowed
        .filter((c) => !byConsent(c))
        .map((category) => ({
          category,
          reason: 'NO_CONSENT' as const,
          detail: `only a legal basis covers ${category}; a dossier needs the person's consent`,
        })),
    ],
  };
}

/** The newest version of each chosen achievement (a correction made after queueing goes out instead). */
async function newestVersions(m: EntityManager, tenantId: string, ids: readonly string[]): Promise<AchievementRow[]> {
  let rows = await achievementRepository.byIds(m, tenantId, ids);
  for (let depth = 0; depth < 20 && rows.some((r) => r.supersededById); depth++) {
    const next = rows.map((r) => r.supersededById ?? r.id);
    rows = await achievementRepository.byIds(m, tenantId, next);
  }
  return rows;
}

function dossierAchievement(a: AchievementRow): DossierAchievement {
  const d = a.details;
  const pick = <K extends keyof DossierAchievement>(k: K) => (d[k] !== undefined ? { [k]: d[k] } : {});
  return {
    id: a.id,
    kind: a.kind as DossierAchievement['kind'],
    achievedOn: a.achievedOn,
    endedOn: a.endedOn,
    ...pick('cefrLevel'),
    ...pick('test'),
    ...pick('provider'),
    ...pick('points'),
    ...pick('hoursPerWeek'),
    ...pick('securesLivelihood'),
    ...pick('attendee'),
    ...pick('title'),
    ...pick('qualification'),
    ...pick('completed'),
    ...pick('recognition'),
    source: a.source as DossierAchievement['source'],
    evidence: { kind: a.evidenceKind, reference: a.evidenceReference, seenOn: a.evidenceSeenOn },
  };
}

/**
 * The dossier's message, built at send time inside the delivery's (or the export's)
 * transaction: consent is decided again now; without one covering education and work the
 * message is suppressed and the refusal recorded (ledger, timeline).
 */
export async function buildDossierMessage(
  m: EntityManager,
  msg: BuildableMessage,
  agency: AgencyRow,
  source: string,
): Promise<BuiltMessage> {
  const tenantId = msg.tenantId;
  const system: Principal = { kind: 'system', tenantId };
  const dossier = await dossierRepository.byOutbox(m, tenantId, msg.id);
  if (!dossier) return { kind: 'skip', reason: 'message names no dossier' };
  const c = await loadCase(m, tenantId, dossier.caseId);
  if (!c) return { kind: 'skip', reason: 'case no longer exists' };
  const suppress = async (lastError: string, summary: TimelineSummary): Promise<BuiltMessage> => {
    await outboxRepository.suppress(m, tenantId, msg.id, lastError);
    await audit(m, system, {
      action: 'dossier.send',
      subjectType: 'dossier',
      subjectId: dossier.id,
      categories: DOSSIER_CATEGORIES,
      allowed: false,
      reason: lastError,
      personId: c.personId,
      agencyId: agency.id,
    });
    await appendTimeline(m, system, {
      caseId: c.id,
      kind: 'dossier.suppressed',
      summary,
      data: { dossierId: dossier.id, outboxId: msg.id },
    });
    return { kind: 'skip', reason: `suppressed: ${lastError}`, suppressed: true };
  };
  const person = existing((await personRepository.byIds(m, tenantId, [c.personId]))[0], 'person', c.personId);
  if (person.doNotContact) {
    return suppress('the person asked not to be contacted by agencies', {
      code: 'message.suppressed-do-not-contact',
      params: { agency: agency.name },
    });
  }
  const decision = onConsentOnly(
    await decideDisclosure(m, {
      tenantId,
      personId: c.personId,
      caseId: c.id,
      agency: { id: agency.id, kind: agency.kind },
      purpose: DOSSIER_PURPOSE,
      categories: DOSSIER_CATEGORIES,
      at: new Date(),
    }),
  );
  if (!decision.allowed.includes(DOSSIER_REQUIRED_CATEGORY)) {
    const denied = decision.denied.map((d) => `${d.category} (${d.reason})`).join(', ');
    return suppress(`consent no longer covers the dossier: ${denied}`, {
      code: 'message.suppressed-consent',
      params: { agency: agency.name },
    });
  }
  const identifiers = await personRepository.identifiersByPersons(m, tenantId, [c.personId]);
  const achievements = (await newestVersions(m, tenantId, dossier.achievementIds)).map(dossierAchievement);
  const data: DossierSubmittedData = {
    dossierId: dossier.id,
    caseReference: c.reference,
    categories: decision.allowed,
    person: disclosePerson(person, identifiers, agency.id, decision.allowed),
    achievements,
    note: dossier.note,
    submittedAt: dossier.createdAt.toISOString(),
    notice: DOSSIER_NOTICE,
  };
  await audit(m, system, {
    action: 'dossier.send',
    subjectType: 'dossier',
    subjectId: dossier.id,
    categories: decision.allowed,
    basis: [...new Set(decision.basis.map((b) => b.id))].join(',') || null,
    allowed: true,
    reason: `${achievements.length} achievement(s)`,
    personId: c.personId,
    agencyId: agency.id,
  });
  const event = buildCloudEvent({
    id: msg.eventId,
    source,
    subject: `dossier/${dossier.id}`,
    tenantId,
    traceId: msg.traceId,
    type: EventType.DOSSIER_SUBMITTED,
    data,
  });
  return { kind: 'body', body: JSON.stringify(event) };
}
