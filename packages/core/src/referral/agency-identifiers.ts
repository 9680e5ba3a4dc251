import type { EntityManager } from 'typeorm';
import { DataCategory, type Purpose } from '@kim/contracts';
import { agencyIdentifierRepository } from '@kim/persistence';
import { loadCase } from '../case/case-scope.js';
import { decideDisclosure } from '../consent/consent-check.js';
import { audit, type AuditEntry } from '../ledger/audit.js';
import type { Principal } from '../common/principal.js';

/**
 * The agency told us its own number for the person, in a status message the hub applied: keep
 * it in the link map, but only while a consent or legal basis lets the hub share the person's
 * identity with that agency for the referral's purpose (not after revocation), and say so in
 * the ledger. A number another person already holds is refused (and recorded) rather than moved.
 */
export async function linkAgencyIdentifier(
  m: EntityManager,
  agency: { tenantId: string; agencyId: string; kind: string },
  referral: { id: string; caseId: string; purpose: string },
  value: string,
  actor: Principal,
): Promise<'linked' | 'known' | 'not-covered' | 'held-by-another'> {
  const c = await loadCase(m, agency.tenantId, referral.caseId);
  if (!c) return 'not-covered';
  const decision = await decideDisclosure(m, {
    tenantId: agency.tenantId,
    personId: c.personId,
    caseId: c.id,
    agency: { id: agency.agencyId, kind: agency.kind },
    purpose: referral.purpose as Purpose,
    categories: [DataCategory.IDENTITY],
    at: new Date(),
  });
  const entry: AuditEntry = {
    action: 'person.identifier-linked',
    subjectType: 'person',
    subjectId: c.personId,
    categories: [DataCategory.IDENTITY],
    personId: c.personId,
    agencyId: agency.agencyId,
    allowed: false,
  };
  if (decision.allowed.length === 0) {
    await audit(m, actor, {
      ...entry,
      reason: `no consent or legal basis covers identity: ${decision.denied[0]?.reason}`,
    });
    return 'not-covered';
  }
  if (!(await agencyIdentifierRepository.insert(m, agency.tenantId, c.personId, agency.agencyId, value))) {
    if ((await agencyIdentifierRepository.holder(m, agency.tenantId, agency.agencyId, value)) === c.personId)
      return 'known';
    await audit(m, actor, { ...entry, reason: 'the number is held by another person in the link map' });
    return 'held-by-another';
  }
  await audit(m, actor, {
    ...entry,
    allowed: true,
    basis: [...new Set(decision.basis.map((b) => b.id))].join(',') || null,
    reason: `referral ${referral.id}`,
  });
  return 'linked';
}
