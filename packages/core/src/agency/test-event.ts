import { randomUUID } from 'node:crypto';
import { activeWebhookSecrets, signWebhook } from '@kim/messaging';
import { agencyRepository, type Db } from '@kim/persistence';
import { DomainError, forbidden, notFound } from '../common/errors.js';
import type { Principal } from '../common/principal.js';

/** The CloudEvents type of a test event: carries no referral and no personal data. */
export const TEST_EVENT_TYPE = 'de.kim-hub.test.v1';

/** Posts a signed body; answers the HTTP status, or throws when the endpoint cannot be reached. */
export type WebhookPoster = (url: string, headers: Record<string, string>, body: string) => Promise<number>;

export interface TestEventResult {
  eventId: string;
  /** The endpoint's HTTP status; null when it could not be reached. */
  httpStatus: number | null;
  ok: boolean;
  error: string | null;
}

/**
 * Send the calling agency a signed test event at its webhook URL now, exactly as a referral
 * would travel (CloudEvents envelope, Standard Webhooks signature with every active secret), and
 * report how its endpoint answered: the agency checks its verification before the first real
 * referral. Nothing is stored; the event holds no personal data.
 */
export async function sendTestEvent(db: Db, p: Principal, post: WebhookPoster): Promise<TestEventResult> {
  if (p.kind !== 'agency') throw forbidden('test events are sent to the calling agency');
  const agency = await agencyRepository.byId(db, p.tenantId, p.agencyId);
  if (!agency) throw notFound('agency', p.agencyId);
  if (agency.channel !== 'webhook' || !agency.webhookUrl) {
    throw new DomainError('CONFLICT', 'your agency receives files, not webhooks: there is no webhook URL to test');
  }
  const eventId = randomUUID();
  const body = JSON.stringify({
    specversion: '1.0',
    id: eventId,
    source: `urn:kim-hub:${p.tenantId}`,
    type: TEST_EVENT_TYPE,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data: { message: 'Testnachricht des KIM Hub / test event from the KIM Hub', agencyId: agency.id },
  });
  const signed = signWebhook(activeWebhookSecrets(agency), eventId, body);
  try {
    const status = await post(
      agency.webhookUrl,
      { 'content-type': 'application/cloudevents+json; charset=utf-8', ...signed.headers },
      body,
    );
    const ok = status >= 200 && status < 300;
    return { eventId, httpStatus: status, ok, error: ok ? null : `your endpoint answered HTTP ${status}` };
  } catch (e) {
    return { eventId, httpStatus: null, ok: false, error: `could not reach your endpoint: ${(e as Error).message}` };
  }
}
