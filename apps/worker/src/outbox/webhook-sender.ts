import { signWebhook } from '@kim/messaging';

export class DeliveryError extends Error {
  constructor(
    message: string,
    /** A 4xx other than 408/429 will not get better by retrying. */
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** POST one signed CloudEvent; any 2xx is the agency's acknowledgement. */
export async function postSigned(
  url: string,
  secrets: string[],
  messageId: string,
  body: string,
  timeoutMs: number,
  traceId: string,
): Promise<void> {
  const signed = signWebhook(secrets, messageId, body);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/cloudevents+json; charset=utf-8',
        'x-request-id': traceId,
        ...signed.headers,
      },
      body: signed.body,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
  } catch (e) {
    throw new DeliveryError(`could not reach ${new URL(url).host}: ${(e as Error).message}`, false);
  }
  await res.body?.cancel();
  if (res.status >= 200 && res.status < 300) return;
  const permanent = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
  throw new DeliveryError(`agency answered HTTP ${res.status}`, permanent);
}
