/**
 * Moving a case to another Kreis (issue 19 item 5) with three tenants in one real PostgreSQL:
 * Kreis Steinfurt sends, Kreis Borken receives, Kreis Coesfeld stands by and must see nothing.
 * The oracle of what crosses is the table CARRIES below, written from docs/privacy.md ("Moving a
 * case to another Kreis"), not from the code that builds the package.
 */
import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { createWorkerApp } from '@kim/worker';
import { TransferCommands, relayOnly, verifyAuditChain } from '@kim/core';
import { DATA_SOURCE } from '@kim/gateway';
import { seedDemo, type DemoCredentials } from '@kim/demo-data';
import { createDataSource, fenceToTenant, runAsTenant } from '@kim/persistence';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { expectEventually } from '@kim/test-support/eventually';
import { recordingAgency, type RecordingAgency } from '@kim/test-support/agency-endpoint';
import {
  CREATE_REFERRAL,
  OPEN_CASE,
  RECORD_CONSENT,
  SEND_REFERRAL,
  consentFor,
  newcomer,
} from '@kim/test-support/fixtures';

const OPTIONS = `query($id: ID!) { transferOptions(caseId: $id) { tenantId kreis covered consentId categories refusal } }`;
const OFFER = `mutation($input: OfferTransferInput!) { offerTransfer(input: $input) { id status toKreis categories } }`;
const INCOMING = `{ incomingTransfers { id fromKreis categories status offeredAt decidedAt declineReason } }`;
const OUTGOING = `query($id: ID!) { caseTransfers(caseId: $id) { id status declineReason closedAt } }`;
const ACCEPT = `mutation($input: AcceptTransferInput!) { acceptTransfer(input: $input) { caseId caseReference transfer { status } } }`;
const DECLINE = `mutation($input: DeclineTransferInput!) { declineTransfer(input: $input) { id status declineReason } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawTransfer(transferId: $id) { id status } }`;
const READ_CASE = `query($id: ID!) { case(id: $id) { id reference } }`;
const ADD_NOTE = `mutation($id: ID!, $note: String!) { addCaseNote(caseId: $id, note: $note) { id } }`;
const RECORD_ACHIEVEMENT = `mutation($id: ID!, $a: AchievementInput!, $e: AchievementEvidenceInput!) {
  recordAchievement(caseId: $id, achievement: $a, evidence: $e) { id } }`;

/**
 * What each category must carry to the receiving Kreis and what must stay behind when it is not
 * consented (the person's fields, the needs by life domain, the achievements). Free text (notes,
 * need descriptions) never crosses, whatever the consent.
 */
const CARRIES = {
  IDENTITY: { person: ['given_names', 'family_name', 'birth_date', 'nationality'], needs: [], achievements: false },
  CONTACT: { person: ['municipality', 'languages'], needs: ['housing'], achievements: false },
  RESIDENCE_STATUS: { person: ['residence_status', 'arrival_date'], needs: ['residence'], achievements: false },
  EDUCATION_WORK: { person: [], needs: ['language', 'work', 'education'], achievements: true },
  HEALTH: { person: [], needs: ['health'], achievements: false },
  FAMILY: { person: [], needs: ['family'], achievements: false },
  BENEFITS: { person: [], needs: ['money'], achievements: false },
} as const;
type Category = keyof typeof CARRIES;
/** The value each person field has when it is not carried. */
const EMPTY: Record<string, unknown> = {
  municipality: '',
  languages: [],
  residence_status: null,
  arrival_date: null,
};

const NOTE = 'Vertraulich: Trennung vom Ehemann, bitte nicht weitergeben';
const NEED_TEXT = 'Sucht B2-Kurs am Abend wegen Kinderbetreuung';

describe('moving a case to another Kreis', () => {
  let hub: TestHub;
  let borken: DemoCredentials;
  let coesfeld: DemoCredentials;
  let fenced: DataSource;
  let agency: RecordingAgency;
  let worker: INestApplicationContext | undefined;
  const steinfurt = () => hub.creds.tenantId;
  const cm = () => hub.token('cm-rheine-1');
  const tokenOf = (c: DemoCredentials, key: string) => c.staff.find((s) => s.key === key)!.token;
  const borkenCoordinator = () => tokenOf(borken, 'coordinator-kreis');
  const codeOf = (r: { errors?: any[] }) => r.errors?.[0]?.extensions?.code;
  const q = (sql: string, params: unknown[] = []) => hub.db.ds.query(sql, params);

  beforeAll(async () => {
    hub = await startTestHub('transfer', { persons: 3 });
    const suffix = randomBytes(3).toString('hex');
    const other = (name: string, slug: string) =>
      seedDemo(hub.db.ds, {
        credentialPrefix: `${slug.slice(0, 2)}${suffix}`,
        tenantSlug: `${slug}-${suffix}`,
        tenantName: name,
        persons: 2,
        simulatorUrl: 'http://127.0.0.1:9',
      });
    borken = await other('Kreis Borken', 'borken');
    coesfeld = await other('Kreis Coesfeld', 'coesfeld');
    // The operator lets the two Kreise take transfers (the sender need not).
    await q(`UPDATE tenants SET accepts_transfers = true WHERE id = ANY($1)`, [[borken.tenantId, coesfeld.tenantId]]);
    agency = await recordingAgency();
    await q(`UPDATE agencies SET webhook_url = $1 WHERE channel = 'webhook' AND tenant_id = $2`, [
      agency.url,
      steinfurt(),
    ]);
    fenced = await createDataSource({ url: hub.db.url, poolSize: 2 }).initialize();
    fenceToTenant(fenced);
  });
  afterAll(async () => {
    await worker?.close();
    await fenced?.destroy();
    await agency?.close();
    await hub?.close();
  });

  /** A case in Rheine with a note, two needs, an achievement and (optionally) a referral the agency received. */
  async function caseWithHistory(withReferral = false) {
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const opened = await hub.gql(cm(), OPEN_CASE, {
      input: {
        person: newcomer({ name: { givenNames: 'Amina', familyName: `Al-Hassan-${randomBytes(2).toString('hex')}` } }),
        regionId: rheine,
        needs: [
          { domain: 'LANGUAGE', description: NEED_TEXT },
          { domain: 'HEALTH', description: 'Traumatherapie begonnen' },
        ],
      },
    });
    expect(opened.errors).toBeUndefined();
    const caseId: string = opened.data.openCase.id;
    expect((await hub.gql(cm(), ADD_NOTE, { id: caseId, note: NOTE })).errors).toBeUndefined();
    const a = await hub.gql(cm(), RECORD_ACHIEVEMENT, {
      id: caseId,
      a: {
        kind: 'LANGUAGE_CERTIFICATE',
        achievedOn: '2026-04-30',
        cefrLevel: 'B1',
        test: 'DTZ',
        provider: 'VHS Rheine',
      },
      e: { kind: 'CERTIFICATE', reference: 'Zertifikat Nr. 2026-4711', seenOn: '2026-05-02' },
    });
    expect(a.errors).toBeUndefined();
    let referralId: string | null = null;
    if (withReferral) {
      const sk = hub.creds.agencies.find((x) => x.key === 'sk')!;
      const service = hub.creds.services.find((s) => s.code === 'SK-INTEGRATIONSKURS')!.id;
      expect((await hub.gql(cm(), RECORD_CONSENT, { input: consentFor(caseId, sk.id) })).errors).toBeUndefined();
      const d = await hub.gql(cm(), CREATE_REFERRAL, {
        input: { caseId, serviceId: service, purpose: 'REFERRAL', categories: ['IDENTITY'] },
      });
      referralId = d.data.createReferral.id;
      expect((await hub.gql(cm(), SEND_REFERRAL, { id: referralId })).errors).toBeUndefined();
    }
    const [{ person_id: personId }] = await q(`SELECT person_id FROM cases WHERE id = $1`, [caseId]);
    return { caseId, personId: personId as string, referralId };
  }

  const transferConsent = (caseId: string, tenantId: string, categories: Category[], over = {}) =>
    hub.gql(cm(), RECORD_CONSENT, {
      input: {
        ...consentFor(caseId, '', { purposes: ['TRANSFER'], categories }),
        recipientAgencyId: undefined,
        recipientTenantId: tenantId,
        ...over,
      },
    });

  const ledger = (tenantId: string) =>
    q(`SELECT action, actor_kind FROM audit_events WHERE tenant_id = $1 AND action LIKE 'transfer.%' ORDER BY seq`, [
      tenantId,
    ]);

  it('validates the transfer consent: a Kreis or an agency, the purpose TRANSFER only, identity included', async () => {
    const { caseId } = await caseWithHistory();
    const sk = hub.creds.agencies.find((x) => x.key === 'sk')!;
    const bad: [string, Promise<{ errors?: any[] }>, string][] = [
      [
        'both recipients',
        transferConsent(caseId, borken.tenantId, ['IDENTITY'], { recipientAgencyId: sk.id }),
        'INVALID_INPUT',
      ],
      [
        'another purpose',
        transferConsent(caseId, borken.tenantId, ['IDENTITY'], { purposes: ['REFERRAL'] }),
        'INVALID_INPUT',
      ],
      ['without identity', transferConsent(caseId, borken.tenantId, ['CONTACT']), 'INVALID_INPUT'],
      ['its own Kreis', transferConsent(caseId, steinfurt(), ['IDENTITY']), 'NOT_FOUND'],
      [
        'TRANSFER for an agency',
        hub.gql(cm(), RECORD_CONSENT, { input: consentFor(caseId, sk.id, { purposes: ['TRANSFER'] }) }),
        'INVALID_INPUT',
      ],
    ];
    for (const [what, answer, code] of bad) expect([what, codeOf(await answer)]).toEqual([what, code]);
    expect(await q(`SELECT count(*)::int AS n FROM consents WHERE case_id = $1`, [caseId])).toEqual([{ n: 0 }]);
  });

  it('refuses an offer without a consent naming the receiving Kreis, and that Kreis learns nothing', async () => {
    const { caseId } = await caseWithHistory();
    // A consent naming Coesfeld does not cover Borken.
    expect((await transferConsent(caseId, coesfeld.tenantId, ['IDENTITY'])).errors).toBeUndefined();
    const options = await hub.gql(cm(), OPTIONS, { id: caseId });
    expect(options.data.transferOptions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kreis: 'Kreis Borken', covered: false, refusal: 'NO_CONSENT' }),
        expect.objectContaining({ kreis: 'Kreis Coesfeld', covered: true, categories: ['IDENTITY'] }),
      ]),
    );
    const r = await hub.gql(cm(), OFFER, { input: { caseId, toTenantId: borken.tenantId } });
    expect(codeOf(r)).toBe('CONSENT_REQUIRED');
    // Nothing in the channel, nothing in Borken's ledger, nothing on its list.
    expect(await q(`SELECT count(*)::int AS n FROM case_transfers WHERE to_tenant_id = $1`, [borken.tenantId])).toEqual(
      [{ n: 0 }],
    );
    expect(await ledger(borken.tenantId)).toEqual([]);
    expect((await hub.gql(borkenCoordinator(), INCOMING)).data.incomingTransfers).toEqual([]);
    // The sender's own ledger has the refusal.
    const refused = await q(
      `SELECT allowed, reason FROM audit_events WHERE tenant_id = $1 AND action = 'transfer.refused' AND subject_id = $2`,
      [steinfurt(), caseId],
    );
    expect(refused).toEqual([{ allowed: false, reason: expect.stringMatching(/^NO_CONSENT/) }]);
    // Asking for a category the consent does not name is refused the same way.
    const wider = await hub.gql(cm(), OFFER, {
      input: { caseId, toTenantId: coesfeld.tenantId, categories: ['IDENTITY', 'HEALTH'] },
    });
    expect(codeOf(wider)).toBe('CONSENT_REQUIRED');
    expect(await q(`SELECT count(*)::int AS n FROM case_transfers`)).toEqual([{ n: 0 }]);
  });

  it('walks offer → accept: exactly the consented categories arrive, the sending case closes as moved, the agency is told', async () => {
    worker ??= await createWorkerApp(hub.config, false);
    const { caseId, personId, referralId } = await caseWithHistory(true);
    await expectEventually(() =>
      expect(
        agency.events.some((e) => e.type === 'de.kim-hub.referral.requested.v1' && e.data.referralId === referralId),
      ).toBe(true),
    );
    const consented: Category[] = ['IDENTITY', 'RESIDENCE_STATUS', 'EDUCATION_WORK'];
    expect((await transferConsent(caseId, borken.tenantId, consented)).errors).toBeUndefined();
    // Before: Borken's coordinator cannot read the case.
    expect(codeOf(await hub.gql(borkenCoordinator(), READ_CASE, { id: caseId }))).toBe('NOT_FOUND');

    const offer = await hub.gql(cm(), OFFER, { input: { caseId, toTenantId: borken.tenantId } });
    expect(offer.errors).toBeUndefined();
    expect(offer.data.offerTransfer).toMatchObject({
      status: 'OFFERED',
      toKreis: 'Kreis Borken',
      categories: consented,
    });
    const transferId: string = offer.data.offerTransfer.id;

    // Borken sees the offer with nothing personal; Coesfeld sees nothing.
    const incoming = await hub.gql(borkenCoordinator(), INCOMING);
    expect(incoming.data.incomingTransfers).toEqual([
      {
        id: transferId,
        fromKreis: 'Kreis Steinfurt',
        categories: consented,
        status: 'OFFERED',
        offeredAt: expect.any(String),
        decidedAt: null,
        declineReason: null,
      },
    ]);
    expect((await hub.gql(tokenOf(coesfeld, 'coordinator-kreis'), INCOMING)).data.incomingTransfers).toEqual([]);
    expect(await runAsTenant(coesfeld.tenantId, () => fenced.query(`SELECT id FROM case_transfers`))).toEqual([]);
    // Borken's rows of the channel: the offer, never the sender's side (case, person, package).
    expect(await runAsTenant(borken.tenantId, () => fenced.query(`SELECT id FROM case_transfers`))).toEqual([
      { id: transferId },
    ]);
    expect(await runAsTenant(borken.tenantId, () => fenced.query(`SELECT * FROM case_transfer_sources`))).toEqual([]);

    const region = borken.regions.find((r) => r.key === 'steinfurt')!.id;
    const accepted = await hub.gql(borkenCoordinator(), ACCEPT, { input: { transferId, regionId: region } });
    expect(accepted.errors).toBeUndefined();
    const newCaseId: string = accepted.data.acceptTransfer.caseId;
    expect(accepted.data.acceptTransfer.transfer.status).toBe('ACCEPTED');

    // The oracle: every field of a consented category arrived as it was, every other is empty.
    const [before] = await q(`SELECT * FROM persons WHERE id = $1`, [personId]);
    const [arrived] = await q(
      `SELECT p.* FROM persons p JOIN cases c ON c.tenant_id = p.tenant_id AND c.person_id = p.id
        WHERE c.tenant_id = $1 AND c.id = $2`,
      [borken.tenantId, newCaseId],
    );
    const needs = (
      await q(`SELECT domain, description FROM case_needs WHERE tenant_id = $1 AND case_id = $2 ORDER BY domain`, [
        borken.tenantId,
        newCaseId,
      ])
    ).map((n: { domain: string; description: string }) => [n.domain, n.description]);
    const achievements = await q(
      `SELECT kind, details->>'cefrLevel' AS level FROM achievements WHERE tenant_id = $1 AND case_id = $2`,
      [borken.tenantId, newCaseId],
    );
    for (const [category, carries] of Object.entries(CARRIES) as [Category, (typeof CARRIES)[Category]][]) {
      const isConsented = consented.includes(category);
      for (const field of carries.person) {
        expect([category, field, arrived[field]]).toEqual([
          category,
          field,
          isConsented ? before[field] : EMPTY[field],
        ]);
      }
      // The case had needs in language (education-work) and health only.
      for (const domain of carries.needs.filter((d) => ['language', 'health'].includes(d))) {
        expect([category, domain, needs.some(([d]: string[]) => d === domain)]).toEqual([
          category,
          domain,
          isConsented,
        ]);
      }
      // Achievements ride on education-work alone: any other category carries none.
      expect([category, achievements.length > 0 && carries.achievements]).toEqual([
        category,
        carries.achievements && isConsented,
      ]);
    }
    expect(achievements).toEqual([{ kind: 'language-certificate', level: 'B1' }]);
    expect(needs).toEqual([['language', '']]);
    // No free text crossed: not the note, not a need's description, anywhere in Borken's tables.
    const borkenText = JSON.stringify([
      await q(`SELECT * FROM timeline_events WHERE tenant_id = $1 AND case_id = $2`, [borken.tenantId, newCaseId]),
      await q(`SELECT * FROM case_needs WHERE tenant_id = $1`, [borken.tenantId]),
      await q(`SELECT * FROM audit_events WHERE tenant_id = $1`, [borken.tenantId]),
    ]);
    for (const secret of [NOTE, NEED_TEXT, 'Traumatherapie']) expect(borkenText).not.toContain(secret);
    // The history arrived as kinds and dates: one entry per entry of the sending case before the offer.
    const [{ n: sentHistory }] = await q(
      `SELECT count(*)::int AS n FROM timeline_events WHERE tenant_id = $1 AND case_id = $2
          AND kind NOT IN ('case.transfer-offered', 'case.transferred-out') AND recorded_at < (SELECT offered_at FROM case_transfers WHERE id = $3)`,
      [steinfurt(), caseId, transferId],
    );
    const history = await q(
      `SELECT data->>'kind' AS kind FROM timeline_events WHERE tenant_id = $1 AND case_id = $2 AND kind = 'case.history-before-transfer'`,
      [borken.tenantId, newCaseId],
    );
    expect(history.length).toBe(sentHistory);
    expect(history.map((h: { kind: string }) => h.kind)).toEqual(
      expect.arrayContaining(['case.opened', 'case.note-added']),
    );

    // The sending case closed as moved; its referral cancelled for that reason; the agency told.
    expect(await q(`SELECT phase, closing_reason FROM cases WHERE id = $1`, [caseId])).toEqual([
      { phase: 'closed', closing_reason: 'moved' },
    ]);
    expect(await q(`SELECT status, status_reason FROM referrals WHERE id = $1`, [referralId])).toEqual([
      { status: 'cancelled', status_reason: 'moved' },
    ]);
    await expectEventually(() =>
      expect(
        agency.events.some((e) => e.type === 'de.kim-hub.referral.cancelled.v1' && e.data.referralId === referralId),
      ).toBe(true),
    );
    expect((await hub.gql(cm(), OUTGOING, { id: caseId })).data.caseTransfers).toEqual([
      { id: transferId, status: 'ACCEPTED', declineReason: null, closedAt: expect.any(String) },
    ]);
    // The person's Art. 15 report in the sending Kreis names the receiving Kreis as a recipient.
    const report = await fetch(`${hub.url}/reports/access/${caseId}`, { headers: { authorization: `Bearer ${cm()}` } });
    expect(report.status).toBe(200);
    const { disclosures } = (await report.json()) as { disclosures: { recipient: string; action: string }[] };
    expect(disclosures.filter((d) => d.action === 'transferred')).toEqual([
      expect.objectContaining({
        recipient: 'Kreis Borken',
        categories: consented.map((c) => c.toLowerCase().replace('_', '-')),
      }),
    ]);
    // The package is gone from the channel once handed over.
    expect(await q(`SELECT package FROM case_transfer_sources WHERE id = $1`, [transferId])).toEqual([
      { package: null },
    ]);

    // Both ledgers, every step; the other side's steps written by the platform.
    expect(await ledger(steinfurt())).toEqual(
      expect.arrayContaining([
        { action: 'transfer.offered', actor_kind: 'staff' },
        { action: 'transfer.viewed', actor_kind: 'platform' },
        { action: 'transfer.accepted', actor_kind: 'platform' },
        { action: 'transfer.copied', actor_kind: 'platform' },
        { action: 'transfer.closed', actor_kind: 'system' },
      ]),
    );
    expect(await ledger(borken.tenantId)).toEqual([
      { action: 'transfer.offered', actor_kind: 'platform' },
      { action: 'transfer.viewed', actor_kind: 'staff' },
      { action: 'transfer.accepted', actor_kind: 'staff' },
      { action: 'transfer.copied', actor_kind: 'staff' },
      { action: 'transfer.closed', actor_kind: 'platform' },
    ]);
    for (const t of [steinfurt(), borken.tenantId]) expect((await verifyAuditChain(hub.db.ds, t)).ok).toBe(true);

    // After: still no crossing reads, either way.
    expect(codeOf(await hub.gql(borkenCoordinator(), READ_CASE, { id: caseId }))).toBe('NOT_FOUND');
    expect(codeOf(await hub.gql(cm(), READ_CASE, { id: newCaseId }))).toBe('NOT_FOUND');
    expect(codeOf(await hub.gql(tokenOf(coesfeld, 'coordinator-kreis'), READ_CASE, { id: newCaseId }))).toBe(
      'NOT_FOUND',
    );
    // A second accept finds nothing open.
    expect(codeOf(await hub.gql(borkenCoordinator(), ACCEPT, { input: { transferId, regionId: region } }))).toBe(
      'CONFLICT',
    );
  });

  it('declines with a reason the sender reads; the sending case stays open', async () => {
    const { caseId } = await caseWithHistory();
    expect((await transferConsent(caseId, borken.tenantId, ['IDENTITY'])).errors).toBeUndefined();
    const transferId = (await hub.gql(cm(), OFFER, { input: { caseId, toTenantId: borken.tenantId } })).data
      .offerTransfer.id;
    expect(codeOf(await hub.gql(borkenCoordinator(), DECLINE, { input: { transferId, reason: ' ' } }))).toBe(
      'INVALID_INPUT',
    );
    // A case manager of the receiving Kreis may not decide; Coesfeld's coordinator finds nothing.
    expect(
      codeOf(await hub.gql(tokenOf(borken, 'cm-steinfurt-1'), DECLINE, { input: { transferId, reason: 'x' } })),
    ).toBe('FORBIDDEN');
    expect(
      codeOf(await hub.gql(tokenOf(coesfeld, 'coordinator-kreis'), DECLINE, { input: { transferId, reason: 'x' } })),
    ).toBe('NOT_FOUND');
    const d = await hub.gql(borkenCoordinator(), DECLINE, {
      input: { transferId, reason: 'Person ist nicht in unserem Kreis gemeldet' },
    });
    expect(d.data.declineTransfer).toEqual({
      id: transferId,
      status: 'DECLINED',
      declineReason: 'Person ist nicht in unserem Kreis gemeldet',
    });
    expect((await hub.gql(cm(), OUTGOING, { id: caseId })).data.caseTransfers).toEqual([
      {
        id: transferId,
        status: 'DECLINED',
        declineReason: 'Person ist nicht in unserem Kreis gemeldet',
        closedAt: null,
      },
    ]);
    expect(await q(`SELECT phase <> 'closed' AS open FROM cases WHERE id = $1`, [caseId])).toEqual([{ open: true }]);
    expect(await q(`SELECT package FROM case_transfer_sources WHERE id = $1`, [transferId])).toEqual([
      { package: null },
    ]);
    expect(
      await q(`SELECT reason FROM audit_events WHERE tenant_id = $1 AND action = 'transfer.declined'`, [steinfurt()]),
    ).toEqual(expect.arrayContaining([{ reason: 'Person ist nicht in unserem Kreis gemeldet' }]));
  });

  it('hands nothing over once the consent has ended, even if nobody withdrew the offer', async () => {
    const { caseId, personId } = await caseWithHistory();
    const consent = await transferConsent(caseId, borken.tenantId, ['IDENTITY']);
    const transferId = (await hub.gql(cm(), OFFER, { input: { caseId, toTenantId: borken.tenantId } })).data
      .offerTransfer.id;
    // Revoked behind the application's back (the revoke path withdraws the offer itself, below):
    // the channel's own check must hold.
    await q(`UPDATE consents SET revoked_at = now() - interval '1 minute' WHERE id = $1`, [
      consent.data.recordConsent.id,
    ]);
    const [{ n: personsBefore }] = await q(`SELECT count(*)::int AS n FROM persons WHERE tenant_id = $1`, [
      borken.tenantId,
    ]);
    const region = borken.regions.find((r) => r.key === 'steinfurt')!.id;
    const r = await hub.gql(borkenCoordinator(), ACCEPT, { input: { transferId, regionId: region } });
    expect(codeOf(r)).toBe('CONSENT_REQUIRED');
    expect(await q(`SELECT count(*)::int AS n FROM persons WHERE tenant_id = $1`, [borken.tenantId])).toEqual([
      { n: personsBefore },
    ]);
    expect(await q(`SELECT status FROM case_transfers WHERE id = $1`, [transferId])).toEqual([{ status: 'withdrawn' }]);
    expect(await q(`SELECT phase <> 'closed' AS open FROM cases WHERE id = $1`, [caseId])).toEqual([{ open: true }]);
    expect(await q(`SELECT count(*)::int AS n FROM persons WHERE id = $1`, [personId])).toEqual([{ n: 1 }]);
  });

  it('withdraws the offer when the sender takes it back or the person revokes the consent', async () => {
    const first = await caseWithHistory();
    await transferConsent(first.caseId, borken.tenantId, ['IDENTITY']);
    const t1 = (await hub.gql(cm(), OFFER, { input: { caseId: first.caseId, toTenantId: borken.tenantId } })).data
      .offerTransfer.id;
    // Another Kreis's staff cannot withdraw it (it is not theirs to see).
    expect(codeOf(await hub.gql(borkenCoordinator(), WITHDRAW, { id: t1 }))).toBe('NOT_FOUND');
    expect((await hub.gql(cm(), WITHDRAW, { id: t1 })).data.withdrawTransfer).toEqual({ id: t1, status: 'WITHDRAWN' });

    const second = await caseWithHistory();
    const consent = await transferConsent(second.caseId, borken.tenantId, ['IDENTITY']);
    const t2 = (await hub.gql(cm(), OFFER, { input: { caseId: second.caseId, toTenantId: borken.tenantId } })).data
      .offerTransfer.id;
    const revoked = await hub.gql(cm(), `mutation($id: ID!) { revokeConsent(consentId: $id) { id revokedAt } }`, {
      id: consent.data.recordConsent.id,
    });
    expect(revoked.errors).toBeUndefined();
    const statuses = (await hub.gql(borkenCoordinator(), INCOMING)).data.incomingTransfers
      .filter((t: { id: string }) => [t1, t2].includes(t.id))
      .map((t: { id: string; status: string }) => [t.id, t.status]);
    expect(statuses.sort()).toEqual(
      [
        [t1, 'WITHDRAWN'],
        [t2, 'WITHDRAWN'],
      ].sort(),
    );
  });

  it("closes a sending case the accept left open, once, in the worker's sweep", async () => {
    const { caseId } = await caseWithHistory();
    await transferConsent(caseId, borken.tenantId, ['IDENTITY']);
    const transferId = (await hub.gql(cm(), OFFER, { input: { caseId, toTenantId: borken.tenantId } })).data
      .offerTransfer.id;
    // The channel's accept alone (as if the gateway stopped right after its commit).
    const [handed] = await runAsTenant(borken.tenantId, () =>
      fenced.query(`SELECT outcome FROM kim_transfer_accept($1)`, [transferId]),
    );
    expect(handed).toEqual({ outcome: 'accepted' });
    expect(await q(`SELECT phase <> 'closed' AS open FROM cases WHERE id = $1`, [caseId])).toEqual([{ open: true }]);
    // The sweep (TransferCloseSweepJob runs this for every tenant) closes it; a second run finds nothing.
    const ds = hub.app.get<DataSource>(DATA_SOURCE);
    const transfers = new TransferCommands(ds, relayOnly(ds));
    expect(await runAsTenant(steinfurt(), () => transfers.closeMoved(steinfurt(), 'sweep-1'))).toBe(1);
    expect(await runAsTenant(steinfurt(), () => transfers.closeMoved(steinfurt(), 'sweep-2'))).toBe(0);
    // Another tenant's sweep does not reach the sender's accepted offers.
    expect(await runAsTenant(borken.tenantId, () => transfers.closeMoved(borken.tenantId, 'sweep-3'))).toBe(0);
    expect(await q(`SELECT phase, closing_reason FROM cases WHERE id = $1`, [caseId])).toEqual([
      { phase: 'closed', closing_reason: 'moved' },
    ]);
  });

  it('keeps the channel read-only for the application: state changes only through the functions', async () => {
    await runAsTenant(borken.tenantId, async () => {
      await expect(fenced.query(`UPDATE case_transfers SET status = 'accepted'`)).rejects.toThrow(/permission denied/);
      await expect(fenced.query(`DELETE FROM case_transfers`)).rejects.toThrow(/permission denied/);
      // An offer can only be made by its own tenant, and only as an open offer.
      await expect(
        fenced.query(`INSERT INTO case_transfers (tenant_id, to_tenant_id, categories) VALUES ($1, $2, '{identity}')`, [
          steinfurt(),
          borken.tenantId,
        ]),
      ).rejects.toThrow(/row-level security/);
      await expect(
        fenced.query(
          `INSERT INTO case_transfers (tenant_id, to_tenant_id, categories, status, decided_at) VALUES ($1, $2, '{identity}', 'accepted', now())`,
          [borken.tenantId, coesfeld.tenantId],
        ),
      ).rejects.toThrow(/row-level security/);
    });
  });
});
