import type { TestHub } from './hub.js';
import { CREATE_REFERRAL, OPEN_CASE, RECORD_CONSENT, SEND_REFERRAL, consentFor, newcomer } from './fixtures.js';

/**
 * A newcomer's case opened in Rheine by the given case manager, the person's consent for Caritas
 * recorded, and a referral to Caritas' migration counselling (identity only) sent: the smallest
 * valid referral on its way, for suites about what happens to it next.
 */
export async function sentCaritasReferral(hub: TestHub, cm: string): Promise<{ caseId: string; referralId: string }> {
  const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
  const caritas = hub.creds.agencies.find((a) => a.key === 'caritas')!;
  const service = hub.creds.services.find((s) => s.code === 'CARITAS-MBE')!.id;
  const c = await hub.gql(cm, OPEN_CASE, { input: { person: newcomer(), regionId: rheine } });
  const caseId = c.data.openCase.id as string;
  await hub.gql(cm, RECORD_CONSENT, { input: consentFor(caseId, caritas.id) });
  const d = await hub.gql(cm, CREATE_REFERRAL, {
    input: { caseId, serviceId: service, purpose: 'REFERRAL', categories: ['IDENTITY'] },
  });
  const referralId = d.data.createReferral.id as string;
  const sent = await hub.gql(cm, SEND_REFERRAL, { id: referralId });
  if (sent.errors) throw new Error(`sending the referral failed: ${JSON.stringify(sent.errors)}`);
  return { caseId, referralId };
}
