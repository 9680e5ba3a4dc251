/**
 * Regression tests for the read side of issue 14 (docs/privacy.md, "The access policy: who sees
 * what"): each finding of the review as a probe an attacker would send, with the expected answer
 * written from the policy table, not from the code that enforces it.
 */
import { randomBytes } from 'node:crypto';
import { accessAblation } from '@kim/core';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import {
  CREATE_REFERRAL,
  OPEN_CASE,
  RECORD_CONSENT,
  SEND_REFERRAL,
  consentFor,
  newcomer,
} from '@kim/test-support/fixtures';

describe('reads by agencies and staff hold against someone trying', () => {
  let hub: TestHub;
  let cm: string;
  const agency = (key: string) => hub.creds.agencies.find((a) => a.key === key)!;
  const service = (code: string) => hub.creds.services.find((s) => s.code === code)!.id;

  beforeAll(async () => {
    hub = await startTestHub('read_privacy', { persons: 6 });
    cm = hub.token('cm-rheine-1');
  });
  afterAll(() => hub.close());

  /** A fresh case in Rheine for a person with a family name no other person has. */
  async function freshCase(over: Record<string, unknown> = {}) {
    const familyName = `Qar${randomBytes(4).toString('hex')}`;
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const c = await hub.gql(cm, OPEN_CASE, {
      input: { person: newcomer({ name: { givenNames: 'Amina', familyName }, ...over }), regionId: rheine },
    });
    if (c.errors) throw new Error(JSON.stringify(c.errors));
    const [row] = await hub.db.ds.query<{ person_id: string }[]>(`SELECT person_id FROM cases WHERE id = $1`, [
      c.data.openCase.id,
    ]);
    return {
      caseId: c.data.openCase.id as string,
      reference: c.data.openCase.reference as string,
      familyName,
      personId: row!.person_id,
    };
  }

  async function consent(caseId: string, agencyKey: string, over: Record<string, unknown> = {}) {
    const r = await hub.gql(cm, RECORD_CONSENT, { input: consentFor(caseId, agency(agencyKey).id, over) });
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data.recordConsent.id as string;
  }

  async function referral(caseId: string, code: string, categories: string[], send = true, note?: string) {
    const d = await hub.gql(cm, CREATE_REFERRAL, {
      input: { caseId, serviceId: service(code), purpose: 'REFERRAL', categories, ...(note ? { note } : {}) },
    });
    if (d.errors) throw new Error(JSON.stringify(d.errors));
    if (send) {
      const s = await hub.gql(cm, SEND_REFERRAL, { id: d.data.createReferral.id });
      if (s.errors) throw new Error(JSON.stringify(s.errors));
    }
    return d.data.createReferral.id as string;
  }

  const ledger = (agencyKey: string, action: string) =>
    hub.db.ds.query<
      {
        subject_id: string;
        categories: string[];
        basis: string | null;
        allowed: boolean;
        reason: string | null;
        person_id: string | null;
      }[]
    >(
      `SELECT subject_id, categories, basis, allowed, reason, person_id FROM audit_events WHERE agency_id = $1 AND action = $2 ORDER BY seq`,
      [agency(agencyKey).id, action],
    );

  const ids = (r: { data?: any }) => (r.data?.cases?.edges ?? []).map((e: { node: { id: string } }) => e.node.id);
  const search = (token: string, s: string) =>
    hub.gql(token, `query($s: String!) { cases(first: 50, filter: { search: $s }) { edges { node { id } } } }`, { s });

  /** A second case of the same person in another area (Lengerich), with a need and a consent recorded there. */
  async function caseElsewhere(personId: string, consentTo?: string) {
    const lengerich = hub.creds.regions.find((r) => r.key === 'lengerich')!.id;
    const manager = hub.creds.staff.find((s) => s.key === 'cm-lengerich-1')!.id;
    const [c] = await hub.db.ds.query<{ id: string }[]>(
      `INSERT INTO cases (tenant_id, reference, person_id, case_manager_id, region_id, phase, version)
       VALUES ($1, $2, $3, $4, $5, 'assessment', 1) RETURNING id`,
      [hub.creds.tenantId, `KIM-L-${randomBytes(3).toString('hex')}`, personId, manager, lengerich],
    );
    await hub.db.ds.query(
      `INSERT INTO case_needs (tenant_id, case_id, domain, description) VALUES ($1, $2, 'health', 'Diagnose: vertraulich')`,
      [hub.creds.tenantId, c!.id],
    );
    if (consentTo) {
      await hub.db.ds.query(
        `INSERT INTO consents (tenant_id, person_id, case_id, recipient_agency_id, purposes, categories, valid_from, valid_until, evidence, captured_by)
         VALUES ($1, $2, $3, $4, '{referral}', '{identity,contact,health}', current_date - 1, current_date + 300,
                 '{"formVersion":"1","signedOn":"2026-01-01","explainedInLanguage":"ar","interpreterUsed":true}', $5)`,
        [hub.creds.tenantId, personId, c!.id, agency(consentTo).id, manager],
      );
    }
    return c!.id;
  }

  it('finding 2: an agency finds a case by name only with identity in its grant, and every search is in the ledger', async () => {
    const { caseId, reference, familyName } = await freshCase();
    // Team Beratung: contact only, with a sent referral. Integration centre: identity denied for access by a provision.
    await consent(caseId, 'tbb', { categories: ['CONTACT'] });
    await referral(caseId, 'TBB-WOHNEN', ['CONTACT']);
    await consent(caseId, 'ki', {
      categories: ['IDENTITY', 'CONTACT'],
      provisions: [{ type: 'deny', categories: ['IDENTITY'], actions: ['access'] }],
    });
    await referral(caseId, 'KI-BILDUNG', ['IDENTITY', 'CONTACT']);
    const before = (await ledger('tbb', 'cases.search')).length;
    for (const key of ['tbb', 'ki']) {
      const token = agency(key).apiKey;
      expect(
        ids(
          await hub
            .gql(token, `query($id: ID!) { case(id: $id) { id } }`, { id: caseId })
            .then((r) => ({ data: { cases: { edges: r.data?.case ? [{ node: r.data.case }] : [] } } })),
        ),
      ).toEqual([caseId]);
      expect(ids(await search(token, familyName.slice(0, 5)))).toEqual([]);
      expect(ids(await search(token, familyName))).toEqual([]);
      expect(ids(await search(token, reference))).toEqual([caseId]);
    }
    const searches = await ledger('tbb', 'cases.search');
    expect(searches.length - before).toBe(3);
    // Staff find a person by any spelling: family name, given name, alias.
    const alias = `Alias${randomBytes(3).toString('hex')}`;
    await hub.db.ds.query(
      `UPDATE persons SET aliases = $2::jsonb WHERE id = (SELECT person_id FROM cases WHERE id = $1)`,
      [caseId, JSON.stringify([{ givenNames: 'Amena', familyName: alias }])],
    );
    expect(ids(await search(cm, familyName.slice(0, 6)))).toEqual([caseId]);
    expect(ids(await search(cm, alias))).toEqual([caseId]);
  });

  it('finding 3: a service consent never lets data out, not even to read', async () => {
    const { caseId } = await freshCase();
    await consent(caseId, 'asyl', { categories: ['IDENTITY'] });
    await consent(caseId, 'asyl', { kind: 'service', categories: ['RESIDENCE_STATUS', 'CONTACT'] });
    await referral(caseId, 'ASYL-LEISTUNG', ['IDENTITY']);
    const r = await hub.gql(
      agency('asyl').apiKey,
      `query($id: ID!) { case(id: $id) { person { familyName residenceStatus arrivalDate municipality hiddenCategories } } }`,
      { id: caseId },
    );
    expect(r.data.case.person.familyName).toMatch(/^Qar/);
    expect(r.data.case.person).toMatchObject({ residenceStatus: null, arrivalDate: null, municipality: null });
    expect(r.data.case.person.hiddenCategories).toEqual(expect.arrayContaining(['RESIDENCE_STATUS', 'CONTACT']));
    expect((r.errors ?? []).map((e: any) => e.extensions.category).sort()).toEqual([
      'contact',
      'residence-status',
      'residence-status',
    ]);
    // Each hidden field's refusal in full, as a client gets it (columns counted by hand in the query above).
    const refusal = (field: string, category: string, column: number) => ({
      message: `not covered by consent: ${field} is ${category} data`,
      path: ['case', 'person', field],
      locations: [{ line: 1, column }],
      extensions: { code: 'CONSENT_REQUIRED', category },
    });
    expect([...(r.errors ?? [])].sort((a: any, b: any) => a.locations[0].column - b.locations[0].column)).toEqual([
      refusal('residenceStatus', 'residence-status', 55),
      refusal('arrivalDate', 'residence-status', 71),
      refusal('municipality', 'contact', 83),
    ]);
  });

  it("finding 4: an agency sees its own identifier, and another issuer's only with that identifier's category", async () => {
    const identifiers = [
      { kind: 'azr', value: `AZR-${randomBytes(3).toString('hex')}` },
      { kind: 'agency-customer-number', agencyId: agency('jc').id, value: `JC-${randomBytes(3).toString('hex')}` },
      { kind: 'agency-customer-number', agencyId: agency('abh').id, value: `ABH-${randomBytes(3).toString('hex')}` },
      {
        kind: 'agency-customer-number',
        agencyId: agency('caritas').id,
        value: `CAR-${randomBytes(3).toString('hex')}`,
      },
      { kind: 'agency-customer-number', agencyId: agency('ki').id, value: `KI-${randomBytes(3).toString('hex')}` },
    ];
    const { caseId } = await freshCase({ identifiers });
    const Q = `query($id: ID!) { case(id: $id) { person { identifiers { value } } } }`;
    const seen = async (key: string) =>
      ((await hub.gql(agency(key).apiKey, Q, { id: caseId })).data?.case?.person?.identifiers ?? null)
        ?.map((i: { value: string }) => i.value)
        .sort();
    const values = (...prefixes: string[]) =>
      identifiers
        .filter((i) => prefixes.some((p) => i.value.startsWith(p)))
        .map((i) => i.value)
        .sort();
    // Caritas (identity, contact): its own number, and the integration centre's (category identity).
    await consent(caseId, 'caritas', { categories: ['IDENTITY', 'CONTACT'] });
    expect(await seen('caritas')).toEqual(values('CAR-', 'KI-'));
    // Jobcenter (identity, benefits): its own, the identity-category ones; not the AZR or the ABH number.
    await consent(caseId, 'jc', { categories: ['IDENTITY', 'BENEFITS'] });
    expect(await seen('jc')).toEqual(values('JC-', 'CAR-', 'KI-'));
    // Agentur für Arbeit (identity, residence status): the AZR and ABH numbers too, never the Jobcenter's.
    await consent(caseId, 'aa', { categories: ['IDENTITY', 'RESIDENCE_STATUS'] });
    expect(await seen('aa')).toEqual(values('AZR-', 'ABH-', 'CAR-', 'KI-'));
    // Staff see all.
    const staff = await hub.gql(cm, Q, { id: caseId });
    expect(staff.data.case.person.identifiers).toHaveLength(5);
  });

  it('finding 5: every agency read of personal data is in the ledger and in the Art. 15 report', async () => {
    const { caseId, personId } = await freshCase();
    await consent(caseId, 'jc', { categories: ['IDENTITY', 'CONTACT'] });
    const referralId = await referral(caseId, 'JC-VERMITTLUNG', ['IDENTITY'], true, 'Bitte Termin vormittags');
    const jc = agency('jc').apiKey;
    const read = await hub.gql(
      jc,
      `query($id: ID!) { case(id: $id) { reference timeline { kind } referrals { status note } } }`,
      {
        id: caseId,
      },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data.case.referrals).toEqual([{ status: 'REQUESTED', note: 'Bitte Termin vormittags' }]);
    await hub.gql(jc, `{ cases(first: 100) { edges { node { id } } } }`);
    const of = async (action: string) => (await ledger('jc', action)).filter((l) => l.person_id === personId);
    expect((await of('case.read')).map((l) => l.reason)).toEqual(['single', 'list']);
    expect(await of('timeline.read')).toEqual([
      expect.objectContaining({ categories: ['identity'], subject_id: caseId }),
    ]);
    expect(await of('referral.read')).toEqual([
      expect.objectContaining({ categories: ['identity'], subject_id: referralId }),
    ]);
    expect(await of('referral.note.read')).toEqual([
      expect.objectContaining({ categories: ['identity'], subject_id: referralId, allowed: true }),
    ]);
    const report = (await (
      await fetch(`${hub.url}/reports/access/${caseId}`, { headers: { authorization: `Bearer ${cm}` } })
    ).json()) as { disclosures: { recipient: string; action: string }[] };
    const reads = report.disclosures.filter((d) => d.action === 'read' && d.recipient === agency('jc').name);
    expect(reads.length).toBe(5);
  });

  it('an answer leaves only once its reads are in the ledger: a ledger that refuses the entry means an error and no data', async () => {
    const { caseId, personId } = await freshCase();
    await consent(caseId, 'jc', { categories: ['IDENTITY', 'CONTACT'] });
    await referral(caseId, 'JC-VERMITTLUNG', ['IDENTITY']);
    // The ledger refuses this person's entries (as a full disk or a lost connection would).
    await hub.db.ds.query(
      `ALTER TABLE audit_events ADD CONSTRAINT test_ledger_down CHECK (person_id IS DISTINCT FROM '${personId}') NOT VALID`,
    );
    try {
      const res = await fetch(`${hub.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${agency('jc').apiKey}` },
        body: JSON.stringify({
          query: `query($id: ID!) { case(id: $id) { reference person { familyName } } }`,
          variables: { id: caseId },
        }),
      });
      const body = (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
      expect(res.status).toBe(503);
      expect(body.data).toBeUndefined();
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['LEDGER_UNAVAILABLE']);
    } finally {
      await hub.db.ds.query(`ALTER TABLE audit_events DROP CONSTRAINT test_ledger_down`);
    }
    expect(await ledger('jc', 'case.read').then((rows) => rows.filter((l) => l.person_id === personId))).toEqual([]);
  });

  it('finding 8: a statistics-only consent, or one whose provision denies access, shows no case', async () => {
    const { caseId, personId } = await freshCase();
    await consent(caseId, 'welcome', { purposes: ['STATISTICS'], categories: ['IDENTITY'] });
    await consent(caseId, 'wlotse', {
      categories: ['IDENTITY', 'CONTACT'],
      provisions: [{ type: 'deny', actions: ['access'] }],
    });
    await consent(caseId, 'ewg', { categories: ['IDENTITY'] });
    const Q = `query($id: ID!) { case(id: $id) { id } }`;
    for (const key of ['welcome', 'wlotse']) {
      const r = await hub.gql(agency(key).apiKey, Q, { id: caseId });
      expect(r.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(ids(await hub.gql(agency(key).apiKey, `{ cases(first: 100) { edges { node { id } } } }`))).not.toContain(
        caseId,
      );
    }
    // The control: a plain consent recorded on this case shows it...
    expect((await hub.gql(agency('ewg').apiKey, Q, { id: caseId })).data?.case?.id).toBe(caseId);
    // ...but not the person's other case in another area, which it is not connected to.
    const elsewhere = await caseElsewhere(personId);
    expect((await hub.gql(agency('ewg').apiKey, Q, { id: elsewhere })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const listed = ids(await hub.gql(agency('ewg').apiKey, `{ cases(first: 100) { edges { node { id } } } }`));
    expect(listed).toContain(caseId);
    expect(listed).not.toContain(elsewhere);
  });

  it('low: an agency sees nothing of a draft, and of its referral only what happened since it was sent', async () => {
    const { caseId } = await freshCase();
    await consent(caseId, 'sk', { categories: ['IDENTITY'] });
    const draft = await referral(caseId, 'SK-INTEGRATIONSKURS', ['IDENTITY'], false, 'Entwurf: noch nicht abgestimmt');
    const Q = `query($id: ID!) { case(id: $id) { referrals { id note } timeline { kind referralId } } }`;
    const sk = agency('sk').apiKey;
    const before = await hub.gql(sk, Q, { id: caseId });
    expect(before.data.case).toEqual({ referrals: [], timeline: [] });
    await hub.gql(cm, SEND_REFERRAL, { id: draft });
    const after = await hub.gql(sk, Q, { id: caseId });
    expect(after.data.case.referrals).toEqual([{ id: draft, note: 'Entwurf: noch nicht abgestimmt' }]);
    expect(after.data.case.timeline.map((e: { kind: string }) => e.kind)).toEqual(['referral.status-changed']);
    // Staff see the draft's history too.
    const staff = await hub.gql(cm, Q, { id: caseId });
    expect(staff.data.case.timeline.map((e: { kind: string }) => e.kind)).toContain('referral.created');
  });

  it('low: the referral note is bounded, and its sender is warned that it goes out with the categories', async () => {
    const { caseId } = await freshCase();
    const long = await hub.gql(cm, CREATE_REFERRAL, {
      input: {
        caseId,
        serviceId: service('JC-VERMITTLUNG'),
        purpose: 'REFERRAL',
        categories: ['IDENTITY'],
        note: 'x'.repeat(1001),
      },
    });
    expect(long.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    const ok = await hub.gql(
      cm,
      `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id noteWarning } }`,
      {
        input: {
          caseId,
          serviceId: service('JC-VERMITTLUNG'),
          purpose: 'REFERRAL',
          categories: ['IDENTITY'],
          note: 'Rückruf erbeten',
        },
      },
    );
    expect(ok.data.createReferral.noteWarning).toMatch(/Die Notiz geht mit der Überweisung an Jobcenter .* identity/);
  });

  it("low: staff get the same NOT_FOUND for another area's case, referral or consent as for an unknown id", async () => {
    const { caseId } = await freshCase();
    const consentId = await consent(caseId, 'jc');
    const draft = await referral(caseId, 'JC-VERMITTLUNG', ['IDENTITY'], false);
    const other = hub.token('cm-lengerich-1');
    const unknown = '00000000-0000-4000-8000-000000000001';
    const same = async (query: string, id: string) => {
      const mine = await hub.gql(other, query, { id });
      const none = await hub.gql(other, query, { id: unknown });
      expect(mine.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(mine.errors?.[0]?.message.replace(id, '<id>')).toBe(none.errors?.[0]?.message.replace(unknown, '<id>'));
    };
    await same(`query($id: ID!) { case(id: $id) { id } }`, caseId);
    await same(`mutation($id: ID!) { moveCasePhase(caseId: $id, phase: ASSESSMENT) { id } }`, caseId);
    await same(`mutation($id: ID!) { sendReferral(referralId: $id) { id } }`, draft);
    await same(`mutation($id: ID!) { revokeConsent(consentId: $id) { id } }`, consentId);
    const bad = await hub.gql(cm, `query { case(id: "not-a-uuid") { id } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
  });

  it("the Art. 15 report of a case lists only the caller's area: not the person's case elsewhere, its needs or consents", async () => {
    const { caseId, personId } = await freshCase();
    await consent(caseId, 'jc');
    await caseElsewhere(personId, 'caritas');
    const body = (await (
      await fetch(`${hub.url}/reports/access/${caseId}`, { headers: { authorization: `Bearer ${cm}` } })
    ).json()) as { cases: { reference: string; needs: unknown[] }[]; consents: { recipient: string }[] };
    expect(body.cases).toHaveLength(1);
    expect(JSON.stringify(body)).not.toMatch(/Diagnose|KIM-L-/);
    expect(body.consents.map((c) => c.recipient)).toEqual([agency('jc').name]);
  });

  it('the ablation seam: with one rule switched off the hub behaves as if it did not exist, and holds again after', async () => {
    const { caseId } = await freshCase();
    await consent(caseId, 'asyl', { categories: ['IDENTITY'] });
    await consent(caseId, 'asyl', { kind: 'service', categories: ['RESIDENCE_STATUS'] });
    const Q = `query($id: ID!) { case(id: $id) { person { residenceStatus } } }`;
    const residence = async () =>
      (await hub.gql(agency('asyl').apiKey, Q, { id: caseId })).data?.case?.person?.residenceStatus ?? null;
    expect(await residence()).toBeNull();
    const leaked = await accessAblation.without('agency.grant.disclosure-kind-only', residence);
    expect(leaked).toMatch(/AufenthG/);
    expect(await residence()).toBeNull();
    expect(accessAblation.rules()).toContain('agency.grant.disclosure-kind-only');
  });
});
