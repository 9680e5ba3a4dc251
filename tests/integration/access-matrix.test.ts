/**
 * The access matrix: every field a principal could reach, for every kind of principal, in
 * every consent situation, generated from the live schema so that a new field or operation
 * cannot escape it. A leak is data where the rules say none; a mismatch is any other
 * difference from the expected answer. `npm run test:access` prints the totals.
 */
import { randomBytes } from 'node:crypto';
import { seedDemo, type DemoCredentials } from '@kim/core';
import { startTestHub, type TestHub } from '../support/hub.js';
import {
  CREATE_REFERRAL,
  OPEN_CASE,
  RECORD_CONSENT,
  SEND_REFERRAL,
  consentFor,
  newcomer,
} from '../support/fixtures.js';

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface FieldInfo {
  name: string;
  description: string | null;
  type: TypeRef;
  args: { name: string }[];
}
interface TypeInfo {
  name: string;
  kind: string;
  fields: FieldInfo[] | null;
}

const INTROSPECT = `{ __schema { types { name kind fields { name description args { name } type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }`;

type Access = 'full' | 'agency' | 'none';
interface Who {
  label: string;
  token: string;
  access: Access;
  /** For agencies that see the case: the categories consent covers. */
  categories?: string[];
  agencyId?: string;
}

const named = (t: TypeRef): string => t.name ?? named(t.ofType!);
const isLeaf = (t: TypeRef): boolean =>
  t.kind === 'NON_NULL' || t.kind === 'LIST' ? isLeaf(t.ofType!) : t.kind === 'SCALAR' || t.kind === 'ENUM';

describe('access matrix', () => {
  let hub: TestHub;
  let other: DemoCredentials;
  let types: Map<string, TypeInfo>;
  let caseId: string;
  let referralIds: { jc: string; caritas: string };
  let consentIds: { caritas: string };
  let overrideId: string;
  /** A review item and a merge on persons of the probe case's area (Rheine). */
  let linkReviewId: string;
  let linkMergeId: string;
  /** A pending legal basis on the probe case, recorded by Rheine's coordinator. */
  let legalBasisId: string;
  const whos: Who[] = [];
  let probes = 0;
  const leaks: string[] = [];
  const mismatches: string[] = [];

  /** A minimal selection for a field: leaves as they are, objects with their leaf fields. */
  function selection(field: FieldInfo, depth = 0): string {
    if (isLeaf(field.type)) return field.name;
    const t = types.get(named(field.type))!;
    const leaves = (t.fields ?? []).filter((f) => isLeaf(f.type) && f.args.length === 0).map((f) => f.name);
    const inner = leaves.length
      ? leaves.join(' ')
      : depth < 1
        ? (t.fields ?? [])
            .slice(0, 1)
            .map((f) => selection(f, depth + 1))
            .join(' ')
        : '__typename';
    return `${field.name} { ${inner} }`;
  }

  const hasData = (v: unknown): boolean => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0);

  function record(ok: boolean, leak: boolean, what: string) {
    probes++;
    if (leak) leaks.push(what);
    else if (!ok) mismatches.push(what);
  }

  beforeAll(async () => {
    hub = await startTestHub('access_matrix', { persons: 8 });
    const suffix = randomBytes(3).toString('hex');
    other = await seedDemo(hub.db.ds, {
      credentialPrefix: `b${suffix}`,
      tenantSlug: `kreis-b-${suffix}`,
      tenantName: 'Kreis B',
      persons: 4,
      simulatorUrl: 'http://127.0.0.1:9',
    });
    const intro = await hub.gql(hub.token('cm-rheine-1'), INTROSPECT);
    types = new Map((intro.data.__schema.types as TypeInfo[]).map((t) => [t.name, t]));

    const cm = hub.token('cm-rheine-1');
    const agency = (key: string) => hub.creds.agencies.find((a) => a.key === key)!;
    const service = (code: string) => hub.creds.services.find((s) => s.code === code)!.id;
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    caseId = (await hub.gql(cm, OPEN_CASE, { input: { person: newcomer(), regionId: rheine } })).data.openCase.id;
    // Identity linkage: a review item and a merge on two demo persons with cases in Rheine.
    const [p1, p2, p3] = await hub.db.ds.query<{ person_id: string }[]>(
      `SELECT DISTINCT person_id FROM cases WHERE tenant_id = $1 AND region_id = $2 ORDER BY person_id LIMIT 3`,
      [hub.creds.tenantId, rheine],
    );
    [{ id: linkReviewId }] = await hub.db.ds.query(
      `INSERT INTO link_reviews (tenant_id, person_a_id, person_b_id, score, evidence, source)
       VALUES ($1, $2, $3, -2.5, '[{"field":"given","level":"variant","valueA":"Mohammed","valueB":"Muhammad","weight":4}]', 'maintenance') RETURNING id`,
      [hub.creds.tenantId, p1!.person_id, p2!.person_id],
    );
    await hub.db.ds.query(`UPDATE persons SET merged_into_id = $2 WHERE id = $1`, [p3!.person_id, p1!.person_id]);
    [{ id: linkMergeId }] = await hub.db.ds.query(
      `INSERT INTO person_merges (tenant_id, survivor_id, merged_id, basis, reason) VALUES ($1, $2, $3, 'automatic', 'probe') RETURNING id`,
      [hub.creds.tenantId, p1!.person_id, p3!.person_id],
    );
    const refer = async (code: string, categories: string[]) => {
      const d = await hub.gql(cm, CREATE_REFERRAL, {
        input: { caseId, serviceId: service(code), purpose: 'REFERRAL', categories },
      });
      const sent = await hub.gql(cm, SEND_REFERRAL, { id: d.data.createReferral.id });
      if (sent.errors) throw new Error(`setup: send failed: ${JSON.stringify(sent.errors)}`);
      return d.data.createReferral.id as string;
    };
    // Jobcenter: valid consent for identity and contact, and an open referral.
    await hub.gql(cm, RECORD_CONSENT, {
      input: consentFor(caseId, agency('jc').id, { categories: ['IDENTITY', 'CONTACT'] }),
    });
    const jcReferral = await refer('JC-VERMITTLUNG', ['IDENTITY']);
    // Team Beratung: narrower consent (identity only), no referral.
    await hub.gql(cm, RECORD_CONSENT, { input: consentFor(caseId, agency('tbb').id, { categories: ['IDENTITY'] }) });
    // Caritas: consent and referral, then the consent is revoked.
    const caritasConsent = (
      await hub.gql(cm, RECORD_CONSENT, {
        input: consentFor(caseId, agency('caritas').id, { categories: ['IDENTITY', 'CONTACT', 'RESIDENCE_STATUS'] }),
      })
    ).data.recordConsent.id;
    const caritasReferral = await refer('CARITAS-MBE', ['IDENTITY']);
    const revoked = await hub.gql(cm, `mutation($id: ID!) { revokeConsent(consentId: $id) { id } }`, {
      id: caritasConsent,
    });
    if (revoked.errors) throw new Error(`setup: revoke failed: ${JSON.stringify(revoked.errors)}`);
    // Agentur für Arbeit: a consent that has expired.
    const aa = (await hub.gql(cm, RECORD_CONSENT, { input: consentFor(caseId, agency('aa').id) })).data.recordConsent
      .id;
    await hub.db.ds.query(`UPDATE consents SET valid_from = '2023-01-01', valid_until = '2024-01-01' WHERE id = $1`, [
      aa,
    ]);
    referralIds = { jc: jcReferral, caritas: caritasReferral };
    consentIds = { caritas: caritasConsent };
    // A break-glass override on the case by a case manager of another area (not a probed principal).
    const override = await hub.gql(
      hub.token('cm-lengerich-2'),
      `mutation($input: OpenAccessOverrideInput!) { openAccessOverride(input: $input) { id } }`,
      { input: { caseId, reason: 'Vorsprache in Lengerich, Akte liegt in Rheine' } },
    );
    if (override.errors) throw new Error(`setup: override failed: ${JSON.stringify(override.errors)}`);
    overrideId = override.data.openAccessOverride.id;
    // A legal basis on the case, waiting for a second coordinator of Rheine.
    const basis = await hub.gql(
      hub.token('coordinator-rheine'),
      `mutation($input: RecordLegalBasisInput!) { recordLegalBasis(input: $input) { id } }`,
      {
        input: {
          recipientAgencyId: agency('abh').id,
          caseId,
          purposes: ['REFERRAL'],
          categories: ['IDENTITY'],
          citation: '§ 87 AufenthG',
          validFrom: '2026-01-01',
        },
      },
    );
    if (basis.errors) throw new Error(`setup: legal basis failed: ${JSON.stringify(basis.errors)}`);
    legalBasisId = basis.data.recordLegalBasis.id;

    const staff = (key: string, access: Access) => whos.push({ label: `staff:${key}`, token: hub.token(key), access });
    staff('cm-rheine-1', 'full');
    staff('coordinator-rheine', 'full');
    staff('cm-rheine-2', 'full');
    staff('cm-lengerich-1', 'none');
    staff('coordinator-kreis', 'none');
    staff('operator', 'none');
    whos.push({
      label: 'agency:jc (consent+open referral)',
      token: agency('jc').apiKey,
      access: 'agency',
      categories: ['identity', 'contact'],
      agencyId: agency('jc').id,
    });
    whos.push({
      label: 'agency:tbb (narrower consent)',
      token: agency('tbb').apiKey,
      access: 'agency',
      categories: ['identity'],
      agencyId: agency('tbb').id,
    });
    whos.push({ label: 'agency:caritas (revoked)', token: agency('caritas').apiKey, access: 'none' });
    whos.push({ label: 'agency:aa (expired)', token: agency('aa').apiKey, access: 'none' });
    whos.push({ label: 'agency:sk (no consent)', token: agency('sk').apiKey, access: 'none' });
    whos.push({ label: 'agency:abh (no consent)', token: agency('abh').apiKey, access: 'none' });
    for (const s of other.staff.filter((x) =>
      ['cm-rheine-1', 'coordinator-rheine', 'coordinator-kreis'].includes(x.key),
    )) {
      whos.push({ label: `other-tenant:${s.key}`, token: s.token, access: 'none' });
    }
    whos.push({
      label: 'other-tenant:agency jc',
      token: other.agencies.find((a) => a.key === 'jc')!.apiKey,
      access: 'none',
    });
  });

  afterAll(async () => {
    process.stdout.write(`access matrix: ${probes} probes, ${leaks.length} leaks, ${mismatches.length} mismatches\n`);
    await hub?.close();
  });

  it('tags every personal-data field of Person with its data category', () => {
    const untagged = types
      .get('Person')!
      .fields!.filter(
        (f) =>
          !['id', 'visibleCategories', 'hiddenCategories'].includes(f.name) &&
          !/Data category: [a-z-]+/.test(f.description ?? ''),
      );
    expect(untagged.map((f) => f.name)).toEqual([]);
  });

  it('shows each person field exactly as consent and area allow, by single read and by list', async () => {
    const fields = types.get('Person')!.fields!.filter((f) => /Data category/.test(f.description ?? ''));
    for (const who of whos) {
      for (const field of fields) {
        const category = /Data category: ([a-z-]+)/.exec(field.description!)![1]!;
        const single = await hub.gql(
          who.token,
          `query($id: ID!) { case(id: $id) { person { ${selection(field)} } } }`,
          { id: caseId },
        );
        const value = single.data?.case?.person?.[field.name];
        const visible = who.access === 'full' || (who.access === 'agency' && who.categories!.includes(category));
        const caseVisible = who.access !== 'none';
        const what = `${who.label} case.person.${field.name}`;
        if (!visible) {
          const codes = (single.errors ?? []).map((e: any) => e.extensions?.code);
          const refusedRight = caseVisible
            ? codes.includes('CONSENT_REQUIRED')
            : codes.some((c: string) => ['NOT_FOUND', 'FORBIDDEN'].includes(c));
          record(refusedRight, hasData(value), what);
        } else {
          record(single.errors === undefined && value !== undefined, false, what);
        }
        const list = await hub.gql(
          who.token,
          `{ cases(first: 100) { edges { node { id person { ${selection(field)} } } } } }`,
        );
        const node = list.data?.cases?.edges?.find((e: any) => e.node.id === caseId)?.node;
        const listWhat = `${who.label} cases[].person.${field.name}`;
        if (!caseVisible) record(node === undefined, node !== undefined, listWhat);
        else
          record(
            node !== undefined && (visible ? node.person[field.name] !== undefined : node.person[field.name] === null),
            !visible && hasData(node?.person?.[field.name]),
            listWhat,
          );
      }
    }
    expect(leaks).toEqual([]);
    expect(mismatches).toEqual([]);
  });

  it('shows case, referral and timeline fields only to those who may see the case, and agencies only their own referrals', async () => {
    for (const typeName of ['Case', 'Referral', 'TimelineEvent']) {
      const fields = types.get(typeName)!.fields!.filter((f) => f.name !== 'person' && f.args.length === 0);
      for (const who of whos) {
        for (const field of fields) {
          const sel =
            typeName === 'Case'
              ? selection(field)
              : `${typeName === 'Referral' ? 'referrals' : 'timeline'} { ${selection(field)} }`;
          const r = await hub.gql(who.token, `query($id: ID!) { case(id: $id) { id ${sel} } }`, { id: caseId });
          const what = `${who.label} ${typeName}.${field.name}`;
          if (who.access === 'none') {
            record(r.data?.case == null, r.data?.case != null, what);
            continue;
          }
          if (typeName === 'Referral' && who.access === 'agency') {
            // Only its own, open referrals: tbb has none, jc has exactly one.
            const refs = r.data?.case?.referrals ?? [];
            const mine = who.agencyId === hub.creds.agencies.find((a) => a.key === 'jc')!.id ? 1 : 0;
            record(refs.length === mine, refs.length > mine, what);
            continue;
          }
          record(r.data?.case != null, false, what);
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(mismatches).toEqual([]);
  });

  it('refuses every mutation on the case to those who may not change it, and changes nothing', async () => {
    const templates: Record<string, { query: string; vars: () => Record<string, unknown> }> = {
      openCase: {
        query: OPEN_CASE,
        vars: () => ({
          input: { person: newcomer(), regionId: hub.creds.regions.find((r) => r.key === 'rheine')!.id },
        }),
      },
      moveCasePhase: {
        query: `mutation($id: ID!) { moveCasePhase(caseId: $id, phase: ASSESSMENT) { id } }`,
        vars: () => ({ id: caseId }),
      },
      addGoal: {
        query: `mutation($id: ID!) { addGoal(caseId: $id, input: { domain: WORK, description: "x" }) { id } }`,
        vars: () => ({ id: caseId }),
      },
      recordConsent: { query: RECORD_CONSENT, vars: () => ({ input: consentFor(caseId, hub.creds.agencies[0]!.id) }) },
      revokeConsent: {
        query: `mutation($id: ID!) { revokeConsent(consentId: $id) { id } }`,
        vars: () => ({ id: consentIds.caritas }),
      },
      recordLegalBasis: {
        query: `mutation($input: RecordLegalBasisInput!) { recordLegalBasis(input: $input) { id } }`,
        vars: () => ({
          input: {
            recipientAgencyId: hub.creds.agencies.find((a) => a.key === 'abh')!.id,
            caseId,
            purposes: ['REFERRAL'],
            categories: ['IDENTITY'],
            citation: '§ 71 AufenthG',
            validFrom: '2026-01-01',
          },
        }),
      },
      reviewLegalBasis: {
        query: `mutation($input: ReviewLegalBasisInput!) { reviewLegalBasis(input: $input) { id } }`,
        vars: () => ({ input: { legalBasisId, decision: 'CONFIRM' } }),
      },
      setDoNotContact: {
        query: `mutation($id: ID!) { setDoNotContact(caseId: $id, doNotContact: true) }`,
        vars: () => ({ id: caseId }),
      },
      createReferral: {
        query: CREATE_REFERRAL,
        vars: () => ({
          input: { caseId, serviceId: hub.creds.services[0]!.id, purpose: 'REFERRAL', categories: ['IDENTITY'] },
        }),
      },
      sendReferral: { query: SEND_REFERRAL, vars: () => ({ id: referralIds.jc }) },
      cancelReferral: {
        query: `mutation($id: ID!) { cancelReferral(referralId: $id, reason: "x") { id } }`,
        vars: () => ({ id: referralIds.jc }),
      },
      acknowledgeReferralOutcome: {
        query: `mutation($id: ID!) { acknowledgeReferralOutcome(referralId: $id) }`,
        vars: () => ({ id: referralIds.caritas }),
      },
      openAccessOverride: {
        query: `mutation($input: OpenAccessOverrideInput!) { openAccessOverride(input: $input) { id } }`,
        vars: () => ({ input: { caseId, reason: 'Probe: Notfallzugriff ohne Berechtigung' } }),
      },
      reviewAccessOverride: {
        query: `mutation($input: ReviewAccessOverrideInput!) { reviewAccessOverride(input: $input) { id } }`,
        vars: () => ({ input: { overrideId, verdict: 'JUSTIFIED' } }),
      },
      decideLinkReview: {
        query: `mutation($input: DecideLinkReviewInput!) { decideLinkReview(input: $input) { id } }`,
        vars: () => ({ input: { reviewId: linkReviewId, decision: 'SAME_PERSON', note: 'Probe' } }),
      },
      unmergePersons: {
        query: `mutation($input: UnmergePersonsInput!) { unmergePersons(input: $input) { id } }`,
        vars: () => ({ input: { mergeId: linkMergeId, reason: 'Probe: keine Berechtigung' } }),
      },
      replayMessage: {
        query: `mutation($id: ID!) { replayMessage(id: $id) { id } }`,
        vars: () => ({ id: referralIds.jc }),
      },
      discardMessage: {
        query: `mutation($id: ID!, $reason: String!) { discardMessage(id: $id, reason: $reason) { id } }`,
        vars: () => ({ id: referralIds.jc, reason: 'Probe: nicht zustellen' }),
      },
    };
    const mutations = types.get('Mutation')!.fields!.map((f) => f.name);
    expect(mutations.filter((m) => !templates[m])).toEqual([]);
    const snapshot = () =>
      hub.db.ds.query(
        `SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM goals)::int AS goals, (SELECT count(*) FROM consents)::int AS consents, (SELECT count(*) FROM referrals)::int AS referrals, (SELECT string_agg(status, ',' ORDER BY id) FROM referrals) AS statuses, (SELECT phase FROM cases WHERE id = $1) AS phase, (SELECT count(*) FROM access_overrides)::int AS overrides, (SELECT count(*) FROM access_overrides WHERE reviewed_at IS NOT NULL)::int AS reviewed`,
        [caseId],
      );
    const before = await snapshot();
    for (const who of whos.filter((w) => w.access !== 'full')) {
      for (const name of mutations) {
        // openCase in its own area is the one thing other staff of the Kreis may do: not about this case.
        if (
          name === 'openCase' &&
          !who.label.startsWith('agency') &&
          who.label !== 'staff:operator' &&
          !who.label.startsWith('other-tenant')
        )
          continue;
        const t = templates[name]!;
        const r = await hub.gql(who.token, t.query, t.vars());
        record(
          r.errors !== undefined && r.data?.[name] == null,
          r.data?.[name] != null,
          `${who.label} mutation ${name}`,
        );
      }
    }
    expect(await snapshot()).toEqual(before);
    expect(leaks).toEqual([]);
    expect(mismatches).toEqual([]);
  });

  it('keeps tenant-wide lists to the own tenant', async () => {
    const queries = types.get('Query')!.fields!.map((f) => f.name);
    const listProbes: Record<string, string> = {
      agencies: `{ agencies { id name } }`,
      outboundMessages: `{ outboundMessages(state: QUEUED) { id referralId } }`,
      cases: `{ cases(first: 100) { edges { node { id } } } }`,
      case: `query { case(id: "${caseIdPlaceholder()}") { id } }`,
      referralChanges: `{ referralChanges(first: 100) { edges { node { referralId eventType } } } }`,
      overdueReferrals: `{ overdueReferrals { referralId caseId } }`,
      openLoops: `{ openLoops { referralId caseId } }`,
      accessOverrides: `{ accessOverrides { id caseId reason } }`,
      linkReviews: `{ linkReviews { id personAId personBId evidence { field valueA valueB } } }`,
      personMerges: `{ personMerges { id survivorId mergedId } }`,
      handoffRuns: `{ handoffRuns { id agencyId } }`,
      queues: `{ queues { name waiting } }`,
      statusBoard: `{ statusBoard { areaId regions { regionId } caseManagers { staffId } } }`,
      barriers: `{ barriers { areaId flaggedCases { caseId } } }`,
      me: `{ me { id role } }`,
      legalBases: `{ legalBases { id caseId } }`,
      legalNorms: `{ legalNorms { code } }`,
    };
    function caseIdPlaceholder() {
      return '00000000-0000-4000-8000-000000000000';
    }
    expect(queries.filter((q) => !listProbes[q])).toEqual([]);
    const agencyOfToken = new Map([...hub.creds.agencies, ...other.agencies].map((a) => [a.apiKey, a.id]));
    const referralAgency = new Map(
      (await hub.db.ds.query<{ id: string; agency_id: string }[]>(`SELECT id, agency_id FROM referrals`)).map((r) => [
        r.id,
        r.agency_id,
      ]),
    );
    const ownAgencyIds = new Set(hub.creds.agencies.map((a) => a.id));
    const otherAgencyIds = new Set(other.agencies.map((a) => a.id));
    // A file handoff run of this tenant: only its coordinators and operators may list it.
    const fileAgency = hub.creds.agencies.find((x) => x.channel === 'file')!;
    const [run] = await hub.db.ds.query(
      `INSERT INTO handoff_runs (tenant_id, agency_id, kind, state, trace_id) VALUES ($1, $2, 'import', 'finished', 'matrix') RETURNING id`,
      [hub.creds.tenantId, fileAgency.id],
    );
    for (const who of whos) {
      const h = await hub.gql(who.token, listProbes.handoffRuns!);
      const runs: { id: string }[] = h.data?.handoffRuns ?? [];
      const seesRun = runs.some((r) => r.id === run.id);
      const mayListRuns = /^staff:(coordinator-|operator)/.test(who.label);
      const refused = h.errors?.[0]?.extensions?.code === 'FORBIDDEN';
      record(
        mayListRuns ? seesRun : !seesRun && (refused || who.label.startsWith('other-tenant')),
        !mayListRuns && seesRun,
        `${who.label} handoffRuns`,
      );
      // Queue depths are the deployment's (jobs carry ids only): coordinators and operators, nobody else.
      const q = await hub.gql(who.token, listProbes.queues!);
      const seesQueues = (q.data?.queues ?? []).length > 0;
      const mayWatchQueues = /^(staff|other-tenant):(coordinator-|operator)/.test(who.label);
      record(
        mayWatchQueues ? seesQueues : !seesQueues && q.errors?.[0]?.extensions?.code === 'FORBIDDEN',
        !mayWatchQueues && seesQueues,
        `${who.label} queues`,
      );
      const a = await hub.gql(who.token, listProbes.agencies!);
      const ids: string[] = (a.data?.agencies ?? []).map((x: { id: string }) => x.id);
      const otherTenant = who.label.startsWith('other-tenant');
      const foreign = ids.filter((id) => (otherTenant ? ownAgencyIds.has(id) : otherAgencyIds.has(id)));
      record(foreign.length === 0 && ids.length > 0, foreign.length > 0, `${who.label} agencies`);
      const o = await hub.gql(who.token, listProbes.outboundMessages!);
      const msgs: { referralId: string }[] = o.data?.outboundMessages ?? [];
      const seesOwnTenantMessages = msgs.some((m) => m.referralId === referralIds.jc);
      // Operators: the tenant's messages; coordinators: those of their area's cases (the probe case is Rheine's).
      const mayList = who.label === 'staff:coordinator-rheine' || who.label === 'staff:operator';
      record(
        mayList ? seesOwnTenantMessages : !seesOwnTenantMessages,
        !mayList && seesOwnTenantMessages,
        `${who.label} outboundMessages`,
      );
      // The polling feed: an agency sees events of its own referrals only; nobody else has one.
      const c = await hub.gql(who.token, listProbes.referralChanges!);
      const changes: { referralId: string | null }[] = (c.data?.referralChanges?.edges ?? []).map(
        (e: { node: { referralId: string | null } }) => e.node,
      );
      const callerAgency = agencyOfToken.get(who.token);
      const foreignChanges = changes.filter(
        (ch) => !callerAgency || (ch.referralId !== null && referralAgency.get(ch.referralId) !== callerAgency),
      );
      const seesOwnReferral = changes.some((ch) => ch.referralId === referralIds.jc);
      const feedOk = !callerAgency
        ? c.errors?.[0]?.extensions?.code === 'FORBIDDEN'
        : c.errors === undefined && (who.label.startsWith('agency:jc') ? seesOwnReferral : true);
      record(feedOk, foreignChanges.length > 0, `${who.label} referralChanges`);
      // Watch lists: coordinators of this tenant only, and only cases of their own area.
      const ownCases = new Set(
        (
          await hub.db.ds.query<{ id: string }[]>(`SELECT id FROM cases WHERE tenant_id = $1`, [hub.creds.tenantId])
        ).map((r) => r.id),
      );
      for (const list of ['overdueReferrals', 'openLoops'] as const) {
        const w = await hub.gql(who.token, listProbes[list]!);
        const items: { caseId: string }[] = w.data?.[list] ?? [];
        const isCoordinator = /^(staff|other-tenant):coordinator-/.test(who.label);
        const ok = isCoordinator ? w.errors === undefined : w.errors?.[0]?.extensions?.code === 'FORBIDDEN';
        const otherTenant = who.label.startsWith('other-tenant');
        const leak = otherTenant
          ? items.some((i) => ownCases.has(i.caseId))
          : !isCoordinator
            ? items.length > 0
            : items.some((i) => !ownCases.has(i.caseId)) ||
              (who.label === 'staff:coordinator-kreis' && items.some((i) => i.caseId === caseId));
        const listOk = otherTenant ? w.errors === undefined || w.errors?.[0]?.extensions?.code === 'FORBIDDEN' : ok;
        record(listOk, leak, `${who.label} ${list}`);
      }
      // The review list: the coordinator of the case's area, and the one who opened it, alone.
      const ov = await hub.gql(who.token, listProbes.accessOverrides!);
      const seen: { id: string }[] = ov.data?.accessOverrides ?? [];
      const reviewer = who.label === 'staff:coordinator-rheine';
      const mayAsk = /^(staff|other-tenant):(cm|coordinator)-/.test(who.label);
      record(
        (mayAsk ? ov.errors === undefined : ov.errors?.[0]?.extensions?.code === 'FORBIDDEN') &&
          (!reviewer || seen.some((o) => o.id === overrideId)),
        !reviewer && seen.some((o) => o.id === overrideId),
        `${who.label} accessOverrides`,
      );
      // Review queue and merges: case managers of Rheine and its coordinator see them; agencies and
      // operators are refused; other staff of the Kreis and other tenants see none of them.
      for (const list of ['linkReviews', 'personMerges'] as const) {
        const l = await hub.gql(who.token, listProbes[list]!);
        const ids: string[] = (l.data?.[list] ?? []).map((x: { id: string }) => x.id);
        const probeId = list === 'linkReviews' ? linkReviewId : linkMergeId;
        const staffOfPersons = /^(staff|other-tenant):(cm|coordinator)-/.test(who.label);
        const seesProbe = ids.includes(probeId);
        const shouldSee = /^staff:(cm-rheine-|coordinator-rheine)/.test(who.label);
        record(
          (staffOfPersons ? l.errors === undefined : l.errors?.[0]?.extensions?.code === 'FORBIDDEN') &&
            seesProbe === shouldSee,
          seesProbe && !shouldSee,
          `${who.label} ${list}`,
        );
      }
      // Board and barriers: aggregates for coordinators (their own area) and operators; nobody else.
      const ownRegions = new Set(
        (
          await hub.db.ds.query<{ id: string }[]>(`SELECT id FROM regions WHERE tenant_id = $1`, [hub.creds.tenantId])
        ).map((r) => r.id),
      );
      const rheineRegion = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
      const mayBoard = /^(staff|other-tenant):(coordinator-|operator)/.test(who.label);
      const board = await hub.gql(who.token, listProbes.statusBoard!);
      const regionIds: string[] = (board.data?.statusBoard?.regions ?? []).map((r: { regionId: string }) => r.regionId);
      const boardLeak = otherTenant
        ? regionIds.some((id) => ownRegions.has(id))
        : !mayBoard
          ? board.data?.statusBoard != null
          : regionIds.some((id) => !ownRegions.has(id)) ||
            (who.label === 'staff:coordinator-kreis' && regionIds.includes(rheineRegion)) ||
            (who.label === 'staff:coordinator-rheine' && regionIds.some((id) => id !== rheineRegion));
      record(
        mayBoard
          ? board.errors === undefined && regionIds.length > 0
          : board.errors?.[0]?.extensions?.code === 'FORBIDDEN',
        boardLeak,
        `${who.label} statusBoard`,
      );
      const barriers = await hub.gql(who.token, listProbes.barriers!);
      const flagged: { caseId: string }[] = barriers.data?.barriers?.flaggedCases ?? [];
      const barriersLeak = !mayBoard
        ? barriers.data?.barriers != null
        : flagged.some((f) => !ownCases.has(f.caseId)) ||
          (who.label === 'staff:operator' && flagged.length > 0) ||
          (who.label === 'staff:coordinator-kreis' && flagged.some((f) => f.caseId === caseId));
      record(
        mayBoard ? barriers.errors === undefined : barriers.errors?.[0]?.extensions?.code === 'FORBIDDEN',
        barriersLeak,
        `${who.label} barriers`,
      );
      // Legal bases: coordinators, of their own area (the probe basis is Rheine's); the norm list: staff who work with cases.
      const lb = await hub.gql(who.token, listProbes.legalBases!);
      const seesBasis = (lb.data?.legalBases ?? []).some((b: { id: string }) => b.id === legalBasisId);
      const isCoordinator = /^(staff|other-tenant):coordinator-/.test(who.label);
      const ownsBasis = who.label === 'staff:coordinator-rheine';
      record(
        (isCoordinator ? lb.errors === undefined : lb.errors?.[0]?.extensions?.code === 'FORBIDDEN') &&
          seesBasis === ownsBasis,
        seesBasis && !ownsBasis,
        `${who.label} legalBases`,
      );
      const norms = await hub.gql(who.token, listProbes.legalNorms!);
      const mayReadNorms = /^(staff|other-tenant):(cm|coordinator)-/.test(who.label);
      record(
        mayReadNorms ? (norms.data?.legalNorms ?? []).length > 0 : norms.errors?.[0]?.extensions?.code === 'FORBIDDEN',
        false,
        `${who.label} legalNorms`,
      );
      // Who am I: staff learn their own id and role, nothing about anyone else; agencies are refused.
      const me = await hub.gql(who.token, listProbes.me!);
      const ownStaff = [...hub.creds.staff, ...other.staff].find((s) => s.token === who.token);
      const meOk = ownStaff
        ? me.data?.me?.id === ownStaff.id && me.data?.me?.role === ownStaff.role
        : me.errors?.[0]?.extensions?.code === 'FORBIDDEN';
      record(meOk, !ownStaff && me.data?.me != null, `${who.label} me`);
    }
    expect(leaks).toEqual([]);
    expect(mismatches).toEqual([]);
    expect(probes).toBeGreaterThanOrEqual(1000);
  });
});
