import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
// The agency below is built only on these two: what any partner's developer would use.
import { Webhook } from 'standardwebhooks';
import { CloudEvent, HTTP } from 'cloudevents';
import { runAdminCommand } from '@kim/cli';
import { createGateway } from '@kim/gateway';
import { createWorkerApp } from '@kim/worker';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { expectEventually } from '@kim/test-support/eventually';
import { CookieBrowser, signInThroughProvider, startOidcProvider, type TestOidcProvider } from '@kim/test-support/oidc';
import {
  CREATE_REFERRAL,
  OPEN_CASE,
  RECORD_CONSENT,
  SEND_REFERRAL,
  consentFor,
  newcomer,
} from '@kim/test-support/fixtures';

/**
 * Done-when of issue 18: a new Kreis onboards from nothing through the command line and the
 * API only (no SQL, no seed of its own): tenant, area, staff who sign in through the Kreis's
 * OpenID provider (its own entry in OIDC_PROVIDERS), an agency with a service, contact
 * data and an API key; a referral travels to an agency built on standardwebhooks and the
 * CloudEvents SDK and back; a revoked key is refused at once by every gateway; a rotated key
 * works beside the new one during the overlap and not after.
 */

interface Agency {
  url: string;
  received: CloudEvent<{ referralId: string; service: { code: string }; referrer?: Record<string, unknown> }>[];
  close(): Promise<void>;
}

/** A partner agency as its developer would write it from the webhook guide. */
async function standardAgency(conf: { secret: () => string; statusUrl: () => string; agencyId: () => string }) {
  const received: Agency['received'] = [];
  const answer = async (referralId: string) => {
    for (const status of ['accepted', 'completed'] as const) {
      const event = new CloudEvent({
        type: 'de.kim-hub.referral.status-changed.v1',
        source: `urn:kim-agency:${conf.agencyId()}`,
        subject: referralId,
        datacontenttype: 'application/json',
        data: {
          referralId,
          status,
          occurredAt: new Date().toISOString(),
          ...(status === 'completed' ? { servicesDelivered: ['Erstgespräch'] } : {}),
        },
      });
      const message = HTTP.structured(event);
      const body = message.body as string;
      const signature = new Webhook(conf.secret()).sign(event.id, new Date(), body);
      const res = await fetch(conf.statusUrl(), {
        method: 'POST',
        headers: {
          ...(message.headers as Record<string, string>),
          'webhook-id': event.id,
          'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
          'webhook-signature': signature,
        },
        body,
      });
      if (!res.ok) throw new Error(`status ${status} refused: ${res.status} ${await res.text()}`);
    }
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        new Webhook(conf.secret()).verify(body, req.headers as Record<string, string>);
        const event = HTTP.toEvent({ headers: req.headers, body }) as Agency['received'][number];
        received.push(event);
        res.writeHead(204).end();
        if (event.type === 'de.kim-hub.referral.requested.v1') {
          setTimeout(() => void answer(event.data!.referralId).catch((e) => console.error(e)), 50);
        }
      } catch (e) {
        res.writeHead(400).end(String(e));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/kim`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  } satisfies Agency;
}

describe('a new Kreis onboards from nothing through the CLI and the API', () => {
  let hub: TestHub;
  let second: NestExpressApplication;
  let secondUrl: string;
  let worker: INestApplicationContext;
  let agency: Agency;
  let idp: TestOidcProvider;
  const agencyConf = { secret: '', statusUrl: '', agencyId: '' };
  const slug = `kreis-borken-${Date.now().toString(36)}`;

  /** `npm run hub -- <verb> …`, in-process: the lines it prints. */
  async function hubCli(command: string, values: Record<string, string | boolean>): Promise<string[]> {
    const lines: string[] = [];
    const code = await runAdminCommand(hub.db.ds, (l) => lines.push(l), command, values);
    expect(code).toBe(0);
    return lines;
  }
  const secretIn = (lines: string[]) => /secret \(shown once\): (\S+)/.exec(lines.join('\n'))![1]!;

  async function gqlAt(url: string, token: string, query: string, variables?: Record<string, unknown>) {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: any; errors?: any[] };
  }
  /** A caller: a credential (administrator, agency), or a browser signed in through the provider (staff). */
  type Caller = string | CookieBrowser;
  const gqlAs = async (caller: Caller, query: string, variables?: Record<string, unknown>) => {
    if (typeof caller === 'string') return hub.gql(caller, query, variables);
    const res = await caller.request(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: any; errors?: any[] };
  };
  const ok = async (caller: Caller, query: string, variables?: Record<string, unknown>) => {
    const r = await gqlAs(caller, query, variables);
    expect(r.errors).toBeUndefined();
    return r.data;
  };
  const VIEWER = `{ viewer { tenant { id name } agency { id name statusUrl } } }`;
  const refusedBoth = async (key: string) => {
    for (const url of [hub.url, secondUrl]) {
      expect((await gqlAt(url, key, VIEWER)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  };
  const acceptedBoth = async (key: string) => {
    for (const url of [hub.url, secondUrl]) expect((await gqlAt(url, key, VIEWER)).data?.viewer.agency).toBeTruthy();
  };

  beforeAll(async () => {
    idp = await startOidcProvider();
    hub = await startTestHub('onboarding', {
      persons: 1,
      env: {
        PRINCIPAL_CACHE_MS: '600000',
        // The new Kreis's own identity provider; its staff are bound by their verified e-mail.
        OIDC_PROVIDERS: JSON.stringify({
          [slug]: {
            issuer: idp.issuer,
            clientId: 'kim-borken',
            clientSecret: 'borken-secret-0123456789',
            matchEmail: true,
          },
        }),
      },
    });
    await idp.addClient({
      clientId: 'kim-borken',
      clientSecret: 'borken-secret-0123456789',
      redirectUris: [`${hub.url}/auth/oidc/callback`],
    });
    idp.addAccount({ sub: 'borken-koord', email: 'koord@kreis-borken.example', email_verified: true });
    idp.addAccount({ sub: 'borken-clara', email: 'clara@kreis-borken.example', email_verified: true });
    // A second gateway on the same database: a revocation must reach every gateway's cache.
    second = await createGateway(hub.config, { logger: ['error'] });
    await second.listen(0, '127.0.0.1');
    secondUrl = (await second.getUrl()).replace('[::1]', '127.0.0.1');
    worker = await createWorkerApp(hub.config, false);
    agency = await standardAgency({
      secret: () => agencyConf.secret,
      statusUrl: () => agencyConf.statusUrl,
      agencyId: () => agencyConf.agencyId,
    });
  });

  afterAll(async () => {
    await agency?.close();
    await worker?.close();
    await second?.close();
    await hub?.close();
    await idp?.close();
  });

  it('sets up the Kreis, sends a referral round trip, revokes and rotates keys', async () => {
    // 1. The platform operator: the tenant and its first tenant administrator (CLI).
    const created = await hubCli('create-tenant', { slug, name: 'Kreis Borken' });
    const tenantId = /tenant (\S+) created/.exec(created[0]!)![1]!;
    await hubCli('create-staff', {
      tenant: slug,
      role: 'tenant-admin',
      name: 'Verwaltung KIM',
      email: 'kim-admin@kreis-borken.example',
    });
    const admin = secretIn(await hubCli('issue-credential', { tenant: slug, staff: 'kim-admin@kreis-borken.example' }));

    // 2. The tenant administrator: areas, staff, agency, service, keys (GraphQL).
    const viewer = await ok(admin, VIEWER);
    expect(viewer.viewer).toEqual({ tenant: { id: tenantId, name: 'Kreis Borken' }, agency: null });
    const ca = (
      await ok(admin, `mutation($i: CoordinationAreaInput!) { createCoordinationArea(input: $i) { id } }`, {
        i: { name: 'Kreis Borken', kind: 'kreis' },
      })
    ).createCoordinationArea.id;
    const region = (
      await ok(admin, `mutation($i: RegionalAreaInput!) { createRegionalArea(input: $i) { id contactEmail } }`, {
        i: {
          name: 'Regionalbereich Bocholt',
          coordinationAreaId: ca,
          fte: 2.5,
          contactPhone: '+49 2871 123-0',
          contactEmail: 'kim-bocholt@kreis-borken.example',
        },
      })
    ).createRegionalArea;
    const STAFF = `mutation($i: StaffUserInput!) { createStaffUser(input: $i) { id role active } }`;
    const coordinator = (
      await ok(admin, STAFF, {
        i: {
          displayName: 'Koordination Borken',
          email: 'koord@kreis-borken.example',
          role: 'COORDINATOR',
          coordinationAreaId: ca,
        },
      })
    ).createStaffUser;
    const caseManager = (
      await ok(admin, STAFF, {
        i: {
          displayName: 'Clara Case',
          email: 'clara@kreis-borken.example',
          role: 'CASE_MANAGER',
          regionId: region.id,
        },
      })
    ).createStaffUser;
    expect(caseManager).toMatchObject({ role: 'CASE_MANAGER', active: true });
    const ISSUE = `mutation($o: CredentialOwnerInput!, $l: String) { issueCredential(owner: $o, label: $l) { secret credential { id prefix state } } }`;
    // The coordinator and the case manager sign in through the Kreis's OpenID provider.
    const signedIn = async (sub: string) => {
      const r = await signInThroughProvider(hub.url, slug, sub);
      expect(r.callback.status).toBe(303);
      return r.browser;
    };
    const cm = await signedIn('borken-clara');
    const coord = await signedIn('borken-koord');
    expect((await ok(coord, `{ me { id role } }`)).me).toEqual({ id: coordinator.id, role: 'coordinator' });
    expect((await ok(cm, `{ me { id role } }`)).me).toEqual({ id: caseManager.id, role: 'case-manager' });

    const newAgency = (
      await ok(admin, `mutation($i: AgencyInput!) { createAgency(input: $i) { agencyId webhookSecret statusUrl } }`, {
        i: {
          name: 'Caritas Borken Migrationsberatung',
          kind: 'MIGRATION_COUNSELLING',
          legalDomain: 'NONE',
          channel: 'WEBHOOK',
          webhookUrl: agency.url,
          contactPhone: '+49 2861 9450',
          contactEmail: 'mbe@caritas-borken.example',
          contactAddress: 'Turmstraße 14, 46325 Borken',
          contactHours: 'Mo–Do 9–16 Uhr',
        },
      })
    ).createAgency;
    const service = (
      await ok(admin, `mutation($i: ServiceInput!) { createService(input: $i) { id code } }`, {
        i: { agencyId: newAgency.agencyId, code: 'MBE-BERATUNG', name: 'Migrationsberatung', lifeDomain: 'RESIDENCE' },
      })
    ).createService;
    const key = (await ok(admin, ISSUE, { o: { agencyId: newAgency.agencyId }, l: 'Fachverfahren' })).issueCredential;
    expect(key.credential.prefix).toBe(key.secret.slice(0, key.credential.prefix.length));

    // The agency knows itself (its status URL) and its directory entry has the contact data.
    const self = (await gqlAt(hub.url, key.secret, VIEWER)).data!.viewer;
    expect(self.agency.id).toBe(newAgency.agencyId);
    expect(self.agency.statusUrl).toBe(`${hub.url}${newAgency.statusUrl}`);
    Object.assign(agencyConf, {
      secret: newAgency.webhookSecret,
      statusUrl: self.agency.statusUrl,
      agencyId: self.agency.id,
    });
    const directory = await ok(
      cm,
      `{ agencies { id contactPhone contactEmail contactAddress contactHours services { code } } }`,
    );
    expect(directory.agencies).toEqual([
      {
        id: newAgency.agencyId,
        contactPhone: '+49 2861 9450',
        contactEmail: 'mbe@caritas-borken.example',
        contactAddress: 'Turmstraße 14, 46325 Borken',
        contactHours: 'Mo–Do 9–16 Uhr',
        services: [{ code: 'MBE-BERATUNG' }],
      },
    ]);

    // Administration is the tenant administrator's alone, and they see no case data.
    const forbidden = async (caller: Caller, query: string) =>
      expect((await gqlAs(caller, query)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await forbidden(cm, `{ staffUsers { id } }`);
    await forbidden(coord, `mutation { revokeCredential(id: "${key.credential.id}") { id } }`);
    await forbidden(key.secret, `{ credentials { id } }`);
    await forbidden(admin, `{ cases(first: 1) { edges { node { id } } } }`);

    // The CLI lists what the API made, with ids, and finds it by name.
    const staffList = (await hubCli('list-staff', { tenant: slug })).join('\n');
    expect(staffList).toContain(
      `${caseManager.id}\tClara Case\tclara@kreis-borken.example\tcase-manager\tRegionalbereich Bocholt\tyes`,
    );
    expect((await hubCli('list-services', { tenant: slug })).join('\n')).toContain(`${service.id}\tMBE-BERATUNG`);

    // 3. A referral round trip with the new agency.
    const opened = await ok(cm, OPEN_CASE, {
      input: { person: newcomer({ municipality: 'Bocholt' }), regionId: region.id },
    });
    const caseId = opened.openCase.id;
    await ok(cm, RECORD_CONSENT, { input: consentFor(caseId, newAgency.agencyId) });
    const draft = await ok(cm, CREATE_REFERRAL, {
      input: { caseId, serviceId: service.id, purpose: 'REFERRAL', categories: ['IDENTITY', 'CONTACT'] },
    });
    await ok(cm, SEND_REFERRAL, { id: draft.createReferral.id });
    await expectEventually(
      async () => {
        const r = await ok(cm, `query($id: ID!) { case(id: $id) { referrals { status deliveryState } } }`, {
          id: caseId,
        });
        expect(r.case.referrals[0]).toEqual({ status: 'COMPLETED', deliveryState: 'ACKNOWLEDGED' });
      },
      { timeoutMs: 30_000 },
    );
    expect(agency.received.map((e) => e.type)).toEqual(['de.kim-hub.referral.requested.v1']);
    expect(agency.received[0]!.data!.service.code).toBe('MBE-BERATUNG');
    // The agency can reach the referring case management: role and the area's work contact.
    expect(agency.received[0]!.data!.referrer).toEqual({
      role: 'case-manager',
      area: 'Regionalbereich Bocholt',
      phone: '+49 2871 123-0',
      email: 'kim-bocholt@kreis-borken.example',
    });

    // The agency sees its own delivery log; another agency's log does not show its messages.
    const LOG = `{ myDeliveries { eventType referralId deliveryState attempts lastError } }`;
    expect((await gqlAt(hub.url, key.secret, LOG)).data!.myDeliveries).toEqual([
      {
        eventType: 'de.kim-hub.referral.requested.v1',
        referralId: draft.createReferral.id,
        deliveryState: 'ACKNOWLEDGED',
        attempts: 1,
        lastError: null,
      },
    ]);
    await hubCli('create-agency', {
      tenant: slug,
      name: 'Jobcenter Kreis Borken',
      kind: 'jobcenter',
      'legal-domain': 'sgb-ii',
      channel: 'file',
    });
    const other = secretIn(await hubCli('issue-credential', { tenant: slug, agency: 'Jobcenter Kreis Borken' }));
    expect((await gqlAt(hub.url, other, LOG)).data!.myDeliveries).toEqual([]);

    // A test event reaches the agency's endpoint signed like a referral, and the answer comes back.
    const test = (await gqlAt(hub.url, key.secret, `mutation { sendTestEvent { eventId httpStatus ok error } }`)).data!
      .sendTestEvent;
    expect(test).toMatchObject({ httpStatus: 204, ok: true, error: null });
    expect(agency.received.at(-1)).toMatchObject({ id: test.eventId, type: 'de.kim-hub.test.v1' });

    // 4. A revoked key is refused at once, by both gateways, though each kept the sign-in.
    await acceptedBoth(key.secret);
    await acceptedBoth(key.secret);
    await hubCli('revoke-credential', { tenant: slug, credential: key.credential.prefix });
    await expectEventually(() => refusedBoth(key.secret), { timeoutMs: 3000, intervalMs: 20 });

    // 5. A rotated key: old and new work during the overlap, only the new one after it.
    const first = (await ok(admin, ISSUE, { o: { agencyId: newAgency.agencyId } })).issueCredential;
    await acceptedBoth(first.secret);
    const rotated = (
      await ok(
        admin,
        `mutation($id: ID!) { rotateCredential(id: $id, overlapSeconds: 3) { secret previous { expiresAt replacedBy } credential { id } } }`,
        { id: first.credential.id },
      )
    ).rotateCredential;
    expect(rotated.previous.replacedBy).toBe(rotated.credential.id);
    await acceptedBoth(first.secret);
    await acceptedBoth(rotated.secret);
    await expectEventually(() => refusedBoth(first.secret), { timeoutMs: 8000, intervalMs: 100 });
    await acceptedBoth(rotated.secret);

    // The list shows each key's state; no secret is ever in it.
    const list = (await hubCli('list-credentials', { tenant: slug, agency: 'Caritas Borken Migrationsberatung' })).join(
      '\n',
    );
    expect(list).toMatch(
      new RegExp(`${key.credential.id}\\t\\S+\\tCaritas Borken Migrationsberatung\\tFachverfahren\\trevoked`),
    );
    expect(list).toMatch(new RegExp(`${first.credential.id}\\t.*\\texpired`));
    expect(list).toMatch(new RegExp(`${rotated.credential.id}\\t.*\\tactive`));
    expect(list).not.toContain(rotated.secret);

    // Every change is in the new tenant's ledger.
    const ledger: { action: string; n: string }[] = await hub.db.ds.query(
      `SELECT action, count(*) AS n FROM audit_events WHERE tenant_id = $1 GROUP BY action ORDER BY action`,
      [tenantId],
    );
    const counts = Object.fromEntries(ledger.map((r) => [r.action, Number(r.n)]));
    expect(counts).toMatchObject({
      'tenant.created': 1,
      'area.created': 2,
      'staff.created': 3,
      'agency.created': 2,
      'service.created': 1,
      'credential.issued': 4,
      'staff.sign-in-bound': 2,
      'sign-in.succeeded': 2,
      'credential.revoked': 1,
      'credential.rotated': 1,
    });
  });
});
