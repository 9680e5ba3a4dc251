import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { HubRequestError, buildStatusMessage, sendStatus, signStatusMessage, statusUrl } from './index.js';

const secret = `whsec_${randomBytes(24).toString('base64')}`;
const agency = { hubUrl: 'https://hub.example/', tenantId: randomUUID(), agencyId: randomUUID(), secret };

describe('status messages', () => {
  it('are CloudEvents the reference library verifies with the agency secret', () => {
    const event = buildStatusMessage(agency, {
      referralId: randomUUID(),
      status: 'accepted',
      occurredAt: new Date('2026-03-02T10:00:00Z'),
    });
    expect(event).toMatchObject({
      specversion: '1.0',
      type: 'de.kim-hub.referral.status-changed.v1',
      source: `urn:kim-agency:${agency.agencyId}`,
    });
    expect(event.data.occurredAt).toBe('2026-03-02T10:00:00.000Z');
    const signed = signStatusMessage(secret, event);
    expect(new Webhook(secret).verify(signed.body, signed.headers)).toEqual(event);
  });

  it('are refused before sending when they break the contract', () => {
    expect(() => buildStatusMessage(agency, { referralId: 'r1', status: 'accepted' })).toThrow();
    expect(() =>
      buildStatusMessage(agency, { referralId: randomUUID(), status: 'accepted', extra: 1 } as never),
    ).toThrow();
    expect(() => buildStatusMessage(agency, { referralId: randomUUID(), status: 'IN_PROGRESS' as never })).toThrow();
  });

  it('go to the agency status URL and come back as a receipt, or as an error naming the refusal', async () => {
    expect(statusUrl(agency)).toBe(
      `https://hub.example/webhooks/${agency.tenantId}/agencies/${agency.agencyId}/status`,
    );
    const calls: { url: string; init: RequestInit }[] = [];
    const answer = (status: number, body: unknown) =>
      ((url: string, init?: RequestInit) => {
        calls.push({ url, init: init! });
        return Promise.resolve(new Response(JSON.stringify(body), { status }));
      }) as typeof fetch;
    const receipt = await sendStatus(
      { ...agency, fetch: answer(202, { outcome: 'applied', referralStatus: 'accepted' }) },
      {
        referralId: randomUUID(),
        status: 'accepted',
      },
    );
    expect(receipt).toEqual({ outcome: 'applied', referralStatus: 'accepted' });
    expect(calls[0]!.url).toBe(statusUrl(agency));
    const headers = calls[0]!.init.headers as Record<string, string>;
    expect(() => new Webhook(secret).verify(calls[0]!.init.body as string, headers)).not.toThrow();
    const refused = sendStatus(
      { ...agency, fetch: answer(401, { error: 'UNAUTHENTICATED', message: 'signature not accepted' }) },
      { referralId: randomUUID(), status: 'accepted' },
    );
    await expect(refused).rejects.toThrow(new HubRequestError('hub answered HTTP 401: signature not accepted', 401));
  });
});
