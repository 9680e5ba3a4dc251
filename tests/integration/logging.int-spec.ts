import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { createWorkerApp } from '@kim/worker';
import type { Simulator } from '@kim/simulator';
import { simulatorFor } from '@kim/test-support/simulator';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { expectEventually } from '@kim/test-support/eventually';
import {
  CREATE_REFERRAL,
  OPEN_CASE,
  RECORD_CONSENT,
  SEND_REFERRAL,
  consentFor,
  newcomer,
} from '@kim/test-support/fixtures';

interface LogLine {
  service: 'gateway' | 'worker';
  level: string;
  msg?: string;
  traceId?: string;
  [field: string]: unknown;
}

/** Personal data of the test person: none of it may reach a log line. */
const PERSON = {
  givenNames: 'Zeynep-Loggable',
  familyName: 'Unverwechselbar-Nachname',
  originalScript: 'زينب المميزة',
  birthDate: '1987-06-23',
};

describe('structured logs: one trace id across gateway and worker, no personal data', () => {
  const captured: string[] = [];
  const sink = { write: (line: string) => void captured.push(line) };
  let hub: TestHub;
  let worker: INestApplicationContext;
  let sim: Simulator;
  let cm: string;

  beforeAll(async () => {
    // The most talkative level: nothing personal even there.
    hub = await startTestHub('logging', { logDestination: sink, env: { LOG_LEVEL: 'trace' } });
    worker = await createWorkerApp(hub.config, undefined, { logDestination: sink });
    sim = await simulatorFor(hub, 10);
    cm = hub.token('cm-rheine-1');
  });

  afterAll(async () => {
    await sim?.close();
    await worker?.close();
    await hub?.close();
  });

  async function gql(query: string, variables: Record<string, unknown>, requestId?: string) {
    const res = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${cm}`,
        ...(requestId ? { 'x-request-id': requestId } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return { requestId: res.headers.get('x-request-id'), body: (await res.json()) as { data?: any; errors?: any[] } };
  }

  const lines = (): LogLine[] => captured.map((l) => JSON.parse(l) as LogLine);

  it('follows a referral from the GraphQL request through the outbox and the worker to the webhook', async () => {
    const traceId = `trace-${randomBytes(6).toString('hex')}`;
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const jobcenter = hub.creds.agencies.find((a) => a.key === 'jc')!;
    const service = hub.creds.services.find((s) => s.code === 'JC-VERMITTLUNG')!.id;

    const person = newcomer({
      name: { givenNames: PERSON.givenNames, familyName: PERSON.familyName, originalScript: PERSON.originalScript },
      birthDate: PERSON.birthDate,
      birthDatePrecision: 'EXACT',
    });
    const opened = await gql(OPEN_CASE, { input: { person, regionId: rheine } });
    expect(opened.body.errors).toBeUndefined();
    expect(opened.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const caseId = opened.body.data.openCase.id;
    // Refused input that carries the person: the error path logs no value either.
    const invalid = await gql(OPEN_CASE, {
      input: { person: { ...person, birthDate: '1987-13-45' }, regionId: rheine },
    });
    expect(invalid.body.errors?.[0].extensions.code).toBe('INVALID_INPUT');
    // GraphQL over GET brings variables in the query string; the request log keeps the path only.
    const viaGet = await fetch(
      `${hub.url}/graphql?query=${encodeURIComponent('{ agencies { id } }')}&variables=${encodeURIComponent(JSON.stringify(PERSON))}`,
      {
        headers: { authorization: `Bearer ${cm}`, 'apollo-require-preflight': 'true' },
      },
    );
    // Read to the end: an unread body holds its connection, and the next request went out on an
    // older pooled one that the server could close at that moment (ECONNRESET in a loaded run).
    await viaGet.text();

    await gql(RECORD_CONSENT, { input: consentFor(caseId, jobcenter.id) });
    const draft = await gql(CREATE_REFERRAL, {
      input: { caseId, serviceId: service, purpose: 'REFERRAL', categories: ['IDENTITY', 'CONTACT'] },
    });
    const referralId = draft.body.data.createReferral.id;
    const sent = await gql(SEND_REFERRAL, { id: referralId }, traceId);
    expect(sent.body.errors).toBeUndefined();
    expect(sent.requestId).toBe(traceId);

    await expectEventually(async () => {
      const [row] = await hub.db.ds.query(
        `SELECT r.status, o.trace_id, o.sent_body FROM referrals r JOIN outbox_messages o ON o.referral_id = r.id WHERE r.id = $1`,
        [referralId],
      );
      expect(row.status).toBe('completed');
      // The outbox row kept the request's trace id, and the message carried it to the agency.
      expect(row.trace_id).toBe(traceId);
      expect(row.sent_body.traceparent).toBe(traceId);
      // The message did carry the person: what the logs must not show.
      expect(JSON.stringify(row.sent_body)).toContain(PERSON.familyName);
    });
    const [outbox] = await hub.db.ds.query(`SELECT id FROM outbox_messages WHERE referral_id = $1`, [referralId]);

    const all = await expectEventually(() => {
      const l = lines();
      expect(l.some((x) => x.service === 'worker' && x.msg === 'delivery acknowledged' && x.traceId === traceId)).toBe(
        true,
      );
      return l;
    });
    const traced = all.filter((l) => l.traceId === traceId);
    const gatewayLines = traced.filter((l) => l.service === 'gateway');
    const workerLines = traced.filter((l) => l.service === 'worker');
    expect(gatewayLines.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['outbox message queued for delivery', 'graphql operation', 'request completed']),
    );
    expect(gatewayLines.find((l) => l.msg === 'graphql operation')).toMatchObject({
      operation: 'Send',
      type: 'mutation',
      caller: 'case-manager',
      outcome: 'ok',
    });
    expect(gatewayLines.find((l) => l.msg === 'outbox message queued for delivery')).toMatchObject({
      outboxId: outbox.id,
    });
    expect(workerLines.find((l) => l.msg === 'delivery acknowledged')).toMatchObject({
      outboxId: outbox.id,
      agencyId: jobcenter.id,
      level: 'info',
    });
    // Other requests have trace ids of their own.
    expect(
      all
        .filter((l) => l.msg === 'graphql operation' && l.operation === 'Open')
        .every((l) => l.traceId && l.traceId !== traceId),
    ).toBe(true);
    // The agency's answers were logged too (each with its own request's trace id).
    expect(all.filter((l) => l.msg === 'status message received' && l.referralId === referralId)).toHaveLength(3);

    // Nothing personal and no credential anywhere in the logs, at level trace.
    const text = captured.join('');
    for (const secret of [
      ...Object.values(PERSON),
      '1987-13-45',
      '23.06.1987',
      cm,
      jobcenter.apiKey,
      jobcenter.webhookSecret,
    ]) {
      expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
    }
    expect(all.length).toBeGreaterThan(20);
  });
});
