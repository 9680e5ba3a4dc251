import { EventType } from '@kim/contracts';
import { buildCloudEvent, signWebhook } from '@kim/messaging';
import type { TestHub } from '@kim/test-support/hub';
import {
  CREATE_REFERRAL,
  OPEN_CASE,
  RECORD_CONSENT,
  SEND_REFERRAL,
  consentFor,
  newcomer,
} from '@kim/test-support/fixtures';

/** A sent referral of a fresh case to one agency, with consent; returns the referral id. */
export async function sentReferral(hub: TestHub, agencyKey: string, serviceCode: string): Promise<string> {
  const cm = hub.token('cm-rheine-1');
  const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
  const agency = hub.creds.agencies.find((a) => a.key === agencyKey)!;
  const c = await hub.gql(cm, OPEN_CASE, { input: { person: newcomer(), regionId: rheine } });
  const caseId = c.data.openCase.id as string;
  await hub.gql(cm, RECORD_CONSENT, { input: consentFor(caseId, agency.id) });
  const d = await hub.gql(cm, CREATE_REFERRAL, {
    input: {
      caseId,
      serviceId: hub.creds.services.find((s) => s.code === serviceCode)!.id,
      purpose: 'REFERRAL',
      categories: ['IDENTITY'],
    },
  });
  const s = await hub.gql(cm, SEND_REFERRAL, { id: d.data.createReferral.id });
  if (s.errors) throw new Error(`could not send: ${JSON.stringify(s.errors)}`);
  return d.data.createReferral.id as string;
}

export function statusEvent(
  agencyId: string,
  referralId: string,
  status: string,
  occurredAt: Date,
  extra: Record<string, unknown> = {},
) {
  return buildCloudEvent({
    type: EventType.REFERRAL_STATUS_CHANGED,
    source: `urn:kim-agency:${agencyId}`,
    data: { referralId, status, occurredAt: occurredAt.toISOString(), ...extra },
  });
}

/** POST a body to the inbound endpoint, signed unless told otherwise. */
export async function postStatus(
  hub: TestHub,
  agency: { id: string; webhookSecret: string },
  body: string,
  messageId: string,
  headers?: Record<string, string>,
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${hub.url}/webhooks/${hub.creds.tenantId}/agencies/${agency.id}/status`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(headers ?? signWebhook(agency.webhookSecret, messageId, body).headers),
    },
    body,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body: parsed };
}
