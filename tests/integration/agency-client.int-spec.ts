import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import {
  AgenciesDocument,
  AgencyCaseDocument,
  GraphQLRequestError,
  createAgencyClient,
  createGraphQLClient,
  type AgencyClient,
} from '@kim/agency-client';
import { createWorkerApp } from '@kim/worker';
// The README's example, run exactly as published (a unit test keeps the README identical to it).
import { startAgency } from '../../packages/agency-client/examples/agency.js';
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

const CASE_VIEW = /* GraphQL */ `
  query ($id: ID!) {
    case(id: $id) {
      referrals {
        id
        status
        servicesDelivered
        deliveryState
      }
      timeline {
        referralStatus
        actorRole
      }
    }
  }
`;

describe('a partner agency built only on @kim/agency-client', () => {
  let hub: TestHub;
  let worker: INestApplicationContext;
  let agencyServer: Server;
  let agency: AgencyClient;
  let jobcenter: TestHub['creds']['agencies'][number];
  let caseId: string;
  let referralId: string;

  beforeAll(async () => {
    hub = await startTestHub('agency_client');
    worker = await createWorkerApp(hub.config, false);
    jobcenter = hub.creds.agencies.find((a) => a.key === 'jc')!;
    const options = {
      hubUrl: hub.url,
      tenantId: hub.creds.tenantId,
      agencyId: jobcenter.id,
      apiKey: jobcenter.apiKey,
      webhookSecret: jobcenter.webhookSecret,
    };
    agencyServer = await startAgency(options, 0);
    agency = createAgencyClient(options);
    const port = (agencyServer.address() as AddressInfo).port;
    await hub.db.ds.query(`UPDATE agencies SET webhook_url = $1 WHERE id = $2`, [
      `http://127.0.0.1:${port}/kim/webhook`,
      jobcenter.id,
    ]);
  });

  afterAll(async () => {
    await new Promise((r) => agencyServer?.close(r));
    await worker?.close();
    await hub?.close();
  });

  it('completes a referral: the README example accepts it, starts and completes it', async () => {
    const cm = hub.token('cm-rheine-1');
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const service = hub.creds.services.find((s) => s.code === 'JC-VERMITTLUNG')!.id;
    const opened = await hub.gql(cm, OPEN_CASE, { input: { person: newcomer(), regionId: rheine } });
    caseId = opened.data.openCase.id;
    await hub.gql(cm, RECORD_CONSENT, { input: consentFor(caseId, jobcenter.id) });
    const draft = await hub.gql(cm, CREATE_REFERRAL, {
      input: { caseId, serviceId: service, purpose: 'REFERRAL', categories: ['IDENTITY', 'CONTACT'] },
    });
    referralId = draft.data.createReferral.id;
    expect((await hub.gql(cm, SEND_REFERRAL, { id: referralId })).errors).toBeUndefined();

    const view = await expectEventually(async () => {
      const r = await hub.gql(cm, CASE_VIEW, { id: caseId });
      expect(r.data.case.referrals[0].status).toBe('COMPLETED');
      return r.data.case;
    });
    expect(view.referrals[0]).toMatchObject({ deliveryState: 'ACKNOWLEDGED', servicesDelivered: ['Beratung'] });
    const byAgency = view.timeline
      .filter((e: { actorRole: string }) => e.actorRole === 'agency')
      .map((e: { referralStatus: string }) => e.referralStatus);
    expect(byAgency).toEqual(['accepted', 'in-progress', 'completed']);
  });

  it('reads with the typed documents what consent covers, and sees the rest withheld', async () => {
    const { data, errors } = await agency.graphql.request(AgencyCaseDocument, { id: caseId });
    expect(data.case.person).toMatchObject({ familyName: 'Al-Hassan', municipality: 'Rheine', residenceStatus: null });
    expect(data.case.person.hiddenCategories).toContain('RESIDENCE_STATUS');
    expect(errors.map((e) => e.extensions?.code)).toContain('CONSENT_REQUIRED');
    expect(data.case.referrals).toEqual([
      expect.objectContaining({
        id: referralId,
        status: 'COMPLETED',
        service: expect.objectContaining({ code: 'JC-VERMITTLUNG' }),
      }),
    ]);
    const agencies = await agency.graphql.request(AgenciesDocument);
    expect(agencies.data.agencies.map((a) => a.name)).toContain('Jobcenter Kreis Steinfurt');
  });

  it('polls the same events it received by webhook, and resumes after its cursor', async () => {
    const first = await agency.fetchChanges();
    expect(first.changes).toEqual([
      expect.objectContaining({
        eventType: 'de.kim-hub.referral.requested.v1',
        referralId,
        caseId,
        referralStatus: 'COMPLETED',
        deliveryState: 'ACKNOWLEDGED',
      }),
    ]);
    expect(first.cursor).toEqual(expect.any(String));
    expect((await agency.fetchChanges(first.cursor)).changes).toEqual([]);

    const stop = new AbortController();
    const pages = [];
    for await (const page of agency.pollChanges({ intervalMs: 20, signal: stop.signal })) {
      pages.push(page);
      stop.abort();
    }
    expect(pages.map((p) => p.changes.map((c) => c.referralId))).toEqual([[referralId]]);
  });

  it('gets a clear error with a wrong API key', async () => {
    const stranger = createGraphQLClient({ hubUrl: hub.url, apiKey: 'kim_not-a-key' });
    const refused = stranger.request(AgenciesDocument);
    await expect(refused).rejects.toBeInstanceOf(GraphQLRequestError);
    await expect(refused).rejects.toThrow(/UNAUTHENTICATED/);
  });
});
