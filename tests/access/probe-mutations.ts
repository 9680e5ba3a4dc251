/**
 * Mutation probes that are valid in every respect but the caller. For each mutation a fresh
 * target is built that an authorised caller would succeed on; every other principal is sent
 * against it and must be refused without changing anything (every tenant table but the ledger
 * is compared before and after); then each authorised principal runs the same mutation on an
 * identical fresh target and must succeed. Both halves count as probes.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { openSession } from '@kim/core';
import { CaseEntity, PersonEntity } from '@kim/persistence';
import { check, type GqlError, type Tally } from './compare.js';
import {
  CREATE_REFERRAL,
  OPEN_CASE,
  RECORD_CONSENT,
  RECORD_LEGAL_BASIS,
  SEND_REFERRAL,
  addDays,
  consentInput,
  freshPerson,
  must,
  type MatrixFixture,
  type MatrixHub,
} from './fixture.js';
import { berlinToday, loadFacts } from './facts.js';
import { MUTATIONS, type MutationScope } from './policy-table.js';
import { Oracle, type Viewer } from './oracle.js';

/** A person with one case in a regional area, written as the database owner. */
async function insertCase(hub: MatrixHub, tenantId: string, regionId: string, caseManagerId: string) {
  const tag = randomBytes(4).toString('hex');
  const personId = randomUUID();
  const caseId = randomUUID();
  const p = freshPerson() as { name: { givenNames: string; familyName: string }; birthDate: string };
  await hub.db.ds.getRepository(PersonEntity).insert({
    tenantId,
    id: personId,
    givenNames: p.name.givenNames,
    familyName: p.name.familyName,
    nameOriginalScript: null,
    aliases: [],
    birthDate: p.birthDate,
    birthDatePrecision: 'exact',
    sex: 'female',
    nationality: 'AFG',
    languages: ['fa'],
    residenceStatus: 'Aufenthaltsgestattung',
    municipality: 'Rheine',
    arrivalDate: '2025-05-02',
    mergedIntoId: null,
  });
  await hub.db.ds.getRepository(CaseEntity).insert({
    tenantId,
    id: caseId,
    reference: `KIM-M-${tag}`,
    personId,
    caseManagerId,
    regionId,
    phase: 'intake',
    closedAt: null,
    version: 1,
  });
  return { caseId, personId };
}

/** What the rule of a mutation is decided on. */
interface Target {
  regionId: string;
  areaId: string;
  /**
   * The tenant the target belongs to (administration); none: the mutation creates something
   * without naming anything that exists, and every tenant administrator may do it in their own tenant.
   */
  tenantId?: string;
  /** Persons the target concerns (link reviews, merges). */
  personIds?: string[];
  /** Who opened the override, or recorded the legal basis, under review. */
  openedBy?: string;
  /** The staff user whose session of single sign-on the target is. */
  sessionOf?: string;
}
interface Prepared {
  variables: Record<string, unknown>;
  target: Target;
}
interface MutationProbe {
  query: string;
  /** A second way of calling the same mutation, with its own row of the table (MUTATIONS[name].variants). */
  variant?: string;
  prepare(): Promise<Prepared>;
  /** Refusals that are about the caller beyond FORBIDDEN/NOT_FOUND (e.g. "no override needed in your own area"). */
  alsoRefusal?: string[];
  /**
   * The same variables with the target replaced by an id nothing has: a refusal must look the
   * same for the target as for it ("no" looks the same whether the thing exists or not).
   */
  unknown?(variables: Record<string, any>): Record<string, unknown>;
  /**
   * Callers who may see the target anyway (e.g. in a list the table gives them): their refusal
   * may say why, it reveals nothing to them.
   */
  knownBy?: MutationScope;
}

/** The variables with one id (at the top, or inside `input`) replaced by a fresh one. */
/** An achievement and its evidence as a case manager enters them (issue 19). */
const ACHIEVEMENT = `{ kind: LANGUAGE_CERTIFICATE, achievedOn: "2026-01-10", cefrLevel: B1, test: "DTZ", provider: "Matrix-VHS" }`;
const EVIDENCE = `{ kind: CERTIFICATE, reference: "Matrix-Zertifikat", seenOn: "2026-01-11" }`;

const unknownAt =
  (key: string) =>
  (v: Record<string, any>): Record<string, unknown> =>
    key in v ? { ...v, [key]: randomUUID() } : { ...v, input: { ...v.input, [key]: randomUUID() } };

const UUID_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** A refusal as the caller sees it, ids taken out. */
const refusalOf = (r: { errors?: GqlError[] }) =>
  `${String(r.errors?.[0]?.extensions?.code ?? 'none')} "${String(r.errors?.[0]?.message ?? '').replace(UUID_TEXT, '<id>')}"`;

export function mayMutate(o: Oracle, scope: MutationScope, v: Viewer, target: Target, other?: Oracle): boolean {
  // The caller's own tenant's facts: a tenant administrator or an agency acts in its own tenant.
  const own = v.tenantId === o.f.tenantId ? o : other;
  if (scope === 'tenant-admin-of-own-tenant')
    return (
      v.kind === 'staff' &&
      own?.staff(v.id)?.role === 'tenant-admin' &&
      (target.tenantId === undefined || target.tenantId === v.tenantId)
    );
  // A staff member ends their own session (they call with their token here; the session is theirs).
  if (scope === 'own-session') return v.kind === 'staff' && v.tenantId === o.f.tenantId && v.id === target.sessionOf;
  if (scope === 'agency-with-webhook-itself')
    return v.kind === 'agency' && own?.f.agencies.find((a) => a.id === v.id)?.channel === 'webhook';
  // Issue 19: an offer to move a case is decided in the Kreis it is addressed to (target.tenantId).
  if (scope === 'coordinator-of-receiving-tenant' || scope === 'coordinator-of-receiving-area') {
    const s = v.kind === 'staff' && v.tenantId === target.tenantId ? own?.staff(v.id) : undefined;
    return s?.role === 'coordinator' && (scope === 'coordinator-of-receiving-tenant' || s.areaId === target.areaId);
  }
  if (v.kind !== 'staff' || v.tenantId !== o.f.tenantId) return false;
  const s = o.staff(v.id)!;
  const ordinary = o.ordinaryAccess(s, target);
  switch (scope) {
    case 'ordinary-region-access':
    case 'ordinary-case-access':
      return ordinary;
    case 'coordinator-of-case-area':
      return s.role === 'coordinator' && s.areaId === target.areaId;
    case 'override-permission-outside-area':
      return (s.role === 'case-manager' || s.role === 'coordinator') && s.mayOverride && !ordinary;
    case 'coordinator-of-case-area-not-opener':
    case 'coordinator-of-basis-area-not-author':
      return s.role === 'coordinator' && s.areaId === target.areaId && s.id !== target.openedBy;
    case 'coordinator-of-own-area':
      return s.role === 'coordinator' && s.areaId !== null;
    case 'staff-of-either-person':
      return (
        (s.role === 'case-manager' || s.role === 'coordinator') &&
        (target.personIds ?? []).some((p) => o.casesOf(p).some((c) => o.ordinaryAccess(s, c)))
      );
    case 'operator-or-coordinator-of-case-area':
      return s.role === 'operator' || (s.role === 'coordinator' && s.areaId === target.areaId);
    default:
      return false;
  }
}

/**
 * One mutation: everyone the table does not authorise is sent against a fresh target and must be
 * refused with nothing changed; then each authorised caller succeeds on a fresh target of its own.
 */
async function probeMutation(
  hub: MatrixHub,
  fx: MatrixFixture,
  t: Tally,
  name: string,
  label: string,
  probe: MutationProbe,
  scope: MutationScope,
): Promise<void> {
  const first = await probe.prepare();
  // The rule is decided on the facts as they are once the target exists.
  const oracle = new Oracle(await loadFacts(hub.db.ds, fx.tenantId));
  const other = new Oracle(await loadFacts(hub.db.ds, fx.otherTenantId));
  const authorised = fx.principals.filter((v) => mayMutate(oracle, scope, v, first.target, other));
  check(t, authorised.length > 0, false, `mutation ${label}: no principal of the matrix may make it`);
  // Nothing else writes meanwhile: one probe's "after" is the next one's "before".
  let before = await snapshot(hub);
  for (const v of fx.principals.filter((p) => !authorised.includes(p))) {
    const what = `${v.label} mutation ${label}`;
    const r = await hub.gql(v.token, probe.query, first.variables);
    const after = await snapshot(hub);
    const diff = changed(before, after);
    before = after;
    const code = String((r.errors?.[0] as GqlError | undefined)?.extensions?.code ?? 'none');
    const refusedRight = ['FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED', ...(probe.alsoRefusal ?? [])].includes(code);
    const done = r.data?.[name] != null;
    check(
      t,
      refusedRight && !done && diff.length === 0,
      done || diff.length > 0,
      `${what}: ${done ? 'DONE' : `refused with ${code}`}${diff.length ? `, changed ${diff.join(', ')}` : ''}`,
    );
    const knows = probe.knownBy !== undefined && mayMutate(oracle, probe.knownBy, v, first.target, other);
    if (probe.unknown && !done && !knows) {
      const u = await hub.gql(v.token, probe.query, probe.unknown(first.variables));
      const afterUnknown = await snapshot(hub);
      const changedByUnknown = changed(before, afterUnknown);
      before = afterUnknown;
      const [got, want] = [refusalOf(r), refusalOf(u)];
      check(
        t,
        got === want && u.data?.[name] == null && changedByUnknown.length === 0,
        u.data?.[name] != null || changedByUnknown.length > 0,
        `${what}: refused with ${got}, but an unknown id with ${want}${changedByUnknown.length ? ` (changed ${changedByUnknown.join(', ')})` : ''}`,
      );
    }
  }
  for (const v of authorised) {
    const fresh = await probe.prepare();
    const r = await hub.gql(v.token, probe.query, fresh.variables);
    check(
      t,
      r.data?.[name] != null && !r.errors,
      false,
      `${v.label} mutation ${label} (authorised, fresh target): ${r.errors ? `refused: ${r.errors[0].extensions?.code} ${r.errors[0].message}` : 'done'}`,
    );
  }
}

/** Every tenant table but the ledger, as one fingerprint per table. */
async function snapshot(hub: MatrixHub): Promise<Record<string, string>> {
  const tables: { table_name: string }[] = await hub.db.ds.query(
    `SELECT c.table_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'
        AND c.table_name <> 'audit_events' ORDER BY 1`,
  );
  const sql = tables
    // Every insert or update gives its row a newer transaction id (xmin); a delete lowers the count.
    .map(({ table_name: n }) =>
      n === 'credentials'
        ? // Signing in records a credential's last use: that is the sign-in's write, not the
          // mutation's. Every other column of every credential is compared.
          `SELECT '${n}' AS t, count(*) || ':' || md5(coalesce(string_agg((to_jsonb(c) - 'last_used_at')::text, ',' ORDER BY c.id), '')) AS h FROM "${n}" c`
        : `SELECT '${n}' AS t, count(*) || ':' || coalesce(max(xmin::text::bigint), 0) AS h FROM "${n}"`,
    )
    .join(' UNION ALL ');
  const rows: { t: string; h: string }[] = await hub.db.ds.query(sql);
  return Object.fromEntries(rows.map((r) => [r.t, r.h]));
}

const changed = (a: Record<string, string>, b: Record<string, string>) => Object.keys(a).filter((k) => a[k] !== b[k]);

export async function probeMutations(
  hub: MatrixHub,
  fx: MatrixFixture,
  t: Tally,
  schemaMutations: string[],
): Promise<void> {
  const creds = fx.creds;
  const token = (key: string) => creds.staff.find((s) => s.key === key)!.token;
  const staffId = (key: string) => creds.staff.find((s) => s.key === key)!.id;
  const service = (code: string) => creds.services.find((s) => s.code === code)!.id;
  const cm = token('cm-rheine-1');
  const rheine = { regionId: fx.regions.rheine, areaId: fx.areas.rheine };
  const today = berlinToday();

  /**
   * A fresh case in Rheine, optionally with a consent for the Jobcenter and a referral to it. The
   * person and case are written as the owner (intake through the API would run identity linkage
   * against the whole tenant every time); consent and referral go through the API.
   */
  const freshCase = async (
    with_: { consent?: boolean; referral?: 'draft' | 'sent' } = {},
    where = fx.regions.rheine,
  ) => {
    const c = await insertCase(
      hub,
      fx.tenantId,
      where,
      where === fx.regions.rheine ? staffId('cm-rheine-1') : staffId('cm-steinfurt-1'),
    );
    const caseId = c.caseId;
    let consentId: string | undefined;
    let referralId: string | undefined;
    if (with_.consent || with_.referral)
      consentId = (
        await must<{ recordConsent: { id: string } }>(
          hub,
          cm,
          RECORD_CONSENT,
          { input: consentInput(caseId, fx.agency('jc').id, ['IDENTITY', 'CONTACT']) },
          'fresh consent',
        )
      ).recordConsent.id;
    if (with_.referral) {
      referralId = (
        await must<{ createReferral: { id: string } }>(
          hub,
          cm,
          CREATE_REFERRAL,
          { input: { caseId, serviceId: service('JC-VERMITTLUNG'), purpose: 'REFERRAL', categories: ['IDENTITY'] } },
          'fresh referral',
        )
      ).createReferral.id;
      if (with_.referral === 'sent') await must(hub, cm, SEND_REFERRAL, { id: referralId }, 'send fresh referral');
    }
    return { caseId, personId: c.personId, consentId, referralId };
  };
  /** A fresh case with one achievement recorded through the API (issue 19). */
  const caseWithAchievement = async () => {
    const { caseId } = await freshCase();
    const r = await must<{ recordAchievement: { id: string } }>(
      hub,
      cm,
      `mutation($id: ID!) { recordAchievement(caseId: $id, achievement: ${ACHIEVEMENT}, evidence: ${EVIDENCE}) { id } }`,
      { id: caseId },
      'fresh achievement',
    );
    return { caseId, achievementId: r.recordAchievement.id };
  };
  const deadMessage = async () => {
    const { referralId } = await freshCase({ referral: 'sent' });
    await hub.db.ds.query(
      `UPDATE outbox_messages SET delivery_state = 'dead', attempts = 3, last_error = 'Matrix: agency unreachable'
        WHERE tenant_id = $1 AND referral_id = $2`,
      [fx.tenantId, referralId],
    );
    const [m] = await hub.db.ds.query(`SELECT id FROM outbox_messages WHERE tenant_id = $1 AND referral_id = $2`, [
      fx.tenantId,
      referralId,
    ]);
    return m.id as string;
  };
  /** A legal basis as the fixture's coordinator of Rheine would record it: for one case, or (no case) the area. */
  const basisInput = (caseId: string | undefined) => ({
    recipientAgencyId: fx.agency(fx.legalBasis.agency).id,
    ...(caseId ? { caseId } : {}),
    purposes: ['REFERRAL'],
    categories: fx.legalBasis.categories,
    citation: fx.legalBasis.citation,
    validFrom: addDays(today, -1),
  });
  /** A legal basis recorded by Rheine's coordinator, waiting for a second one. */
  const pendingBasis = async (caseId: string | undefined) =>
    (
      await must<{ recordLegalBasis: { id: string } }>(
        hub,
        token('coordinator-rheine'),
        RECORD_LEGAL_BASIS,
        { input: basisInput(caseId) },
        'fresh pending legal basis',
      )
    ).recordLegalBasis.id;
  /** Two fresh persons, one with a case in Rheine, one in Steinfurt. */
  const pairOfPersons = async () => {
    const r = await freshCase();
    const s = await freshCase({}, fx.regions.steinfurt);
    return { rheinePerson: r.personId, steinfurtPerson: s.personId };
  };

  const probes: Record<string, MutationProbe> = {
    openCase: {
      query: `mutation($input: OpenCaseInput!) { openCase(input: $input) { id } }`,
      prepare: () =>
        Promise.resolve({
          variables: {
            input: { regionId: fx.regions.rheine, caseManagerId: staffId('cm-rheine-1'), person: freshPerson() },
          },
          target: rheine,
        }),
    },
    moveCasePhase: {
      query: `mutation($id: ID!) { moveCasePhase(caseId: $id, phase: ASSESSMENT) { id } }`,
      unknown: unknownAt('id'),
      prepare: async () => ({ variables: { id: (await freshCase()).caseId }, target: rheine }),
    },
    addGoal: {
      query: `mutation($id: ID!) { addGoal(caseId: $id, input: { domain: WORK, description: "Matrix: Arbeitsaufnahme" }) { id } }`,
      unknown: unknownAt('id'),
      prepare: async () => ({ variables: { id: (await freshCase()).caseId }, target: rheine }),
    },
    recordConsent: {
      query: `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`,
      unknown: unknownAt('caseId'),
      prepare: async () => ({
        variables: { input: consentInput((await freshCase()).caseId, fx.agency('jc').id, ['IDENTITY']) },
        target: rheine,
      }),
    },
    revokeConsent: {
      query: `mutation($id: ID!) { revokeConsent(consentId: $id) { id } }`,
      unknown: unknownAt('id'),
      prepare: async () => ({ variables: { id: (await freshCase({ consent: true })).consentId }, target: rheine }),
    },
    setDoNotContact: {
      query: `mutation($id: ID!) { setDoNotContact(caseId: $id, doNotContact: true) }`,
      unknown: unknownAt('id'),
      prepare: async () => ({ variables: { id: (await freshCase()).caseId }, target: rheine }),
    },
    createReferral: {
      query: `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id } }`,
      unknown: unknownAt('caseId'),
      prepare: async () => ({
        variables: {
          input: {
            caseId: (await freshCase()).caseId,
            serviceId: service('JC-VERMITTLUNG'),
            purpose: 'REFERRAL',
            categories: ['IDENTITY'],
          },
        },
        target: rheine,
      }),
    },
    sendReferral: {
      query: `mutation($id: ID!) { sendReferral(referralId: $id) { id } }`,
      unknown: unknownAt('id'),
      prepare: async () => ({ variables: { id: (await freshCase({ referral: 'draft' })).referralId }, target: rheine }),
    },
    cancelReferral: {
      query: `mutation($id: ID!) { cancelReferral(referralId: $id, reason: "Matrix: Person verzogen") { id } }`,
      unknown: unknownAt('id'),
      prepare: async () => ({ variables: { id: (await freshCase({ referral: 'sent' })).referralId }, target: rheine }),
    },
    updatePerson: {
      query: `mutation($id: ID!) { updatePerson(caseId: $id, input: { municipality: "Matrixstadt" }) { id } }`,
      unknown: unknownAt('id'),
      prepare: async () => ({ variables: { id: (await freshCase()).caseId }, target: rheine }),
    },
    addCaseNote: {
      query: `mutation($id: ID!) { addCaseNote(caseId: $id, note: "Matrix: Notiz") { id } }`,
      unknown: unknownAt('id'),
      prepare: async () => ({ variables: { id: (await freshCase()).caseId }, target: rheine }),
    },
    updateGoal: {
      query: `mutation($id: ID!) { updateGoal(goalId: $id, input: { status: "achieved" }) { id } }`,
      unknown: unknownAt('id'),
      prepare: async () => {
        const { caseId } = await freshCase();
        const goal = await must<{ addGoal: { id: string } }>(
          hub,
          cm,
          `mutation($id: ID!) { addGoal(caseId: $id, input: { domain: WORK, description: "Matrix: Ziel" }) { id } }`,
          { id: caseId },
          'fresh goal',
        );
        return { variables: { id: goal.addGoal.id }, target: rheine };
      },
    },
    recordAchievement: {
      query: `mutation($id: ID!) { recordAchievement(caseId: $id, achievement: ${ACHIEVEMENT}, evidence: ${EVIDENCE}) { id } }`,
      unknown: unknownAt('id'),
      prepare: async () => ({ variables: { id: (await freshCase()).caseId }, target: rheine }),
    },
    correctAchievement: {
      query: `mutation($id: ID!) { correctAchievement(achievementId: $id, achievement: ${ACHIEVEMENT}, evidence: ${EVIDENCE}, reason: "Matrix: Korrektur") { id } }`,
      unknown: unknownAt('id'),
      prepare: async () => ({ variables: { id: (await caseWithAchievement()).achievementId }, target: rheine }),
    },
    sendDossier: {
      query: `mutation($input: SendDossierInput!) { sendDossier(input: $input) { id } }`,
      unknown: unknownAt('caseId'),
      prepare: async () => {
        const { caseId, achievementId } = await caseWithAchievement();
        await must(
          hub,
          cm,
          RECORD_CONSENT,
          {
            input: consentInput(caseId, fx.agency('abh').id, ['IDENTITY', 'EDUCATION_WORK'], {
              purposes: ['CASE_COORDINATION'],
            }),
          },
          'fresh dossier consent',
        );
        return {
          variables: { input: { caseId, agencyId: fx.agency('abh').id, achievementIds: [achievementId] } },
          target: rheine,
        };
      },
    },
    handOverCase: {
      query: `mutation($input: HandOverCaseInput!) { handOverCase(input: $input) { id } }`,
      unknown: unknownAt('caseId'),
      prepare: async () => ({
        variables: { input: { caseId: (await freshCase()).caseId, toCaseManagerId: staffId('cm-rheine-2') } },
        target: rheine,
      }),
    },
    acknowledgeReferralOutcome: {
      query: `mutation($id: ID!) { acknowledgeReferralOutcome(referralId: $id) }`,
      unknown: unknownAt('id'),
      prepare: async () => {
        const { referralId } = await freshCase({ referral: 'sent' });
        await hub.db.ds.query(
          `UPDATE referrals SET status = 'completed', outcome = 'Matrix: Ziel erreicht' WHERE tenant_id = $1 AND id = $2`,
          [fx.tenantId, referralId],
        );
        return { variables: { id: referralId }, target: rheine };
      },
    },
    recordLegalBasis: {
      query: RECORD_LEGAL_BASIS,
      unknown: unknownAt('caseId'),
      prepare: async () => ({ variables: { input: basisInput((await freshCase()).caseId) }, target: rheine }),
    },
    'recordLegalBasis (area-wide)': {
      query: RECORD_LEGAL_BASIS,
      variant: 'area-wide',
      // No case: the coordination area the caller supervises, whichever it is.
      prepare: () => Promise.resolve({ variables: { input: basisInput(undefined) }, target: rheine }),
    },
    reviewLegalBasis: {
      query: `mutation($input: ReviewLegalBasisInput!) { reviewLegalBasis(input: $input) { id } }`,
      unknown: unknownAt('legalBasisId'),
      // The area's coordinators list its legal bases (QUERIES.legalBases): the author is told why.
      knownBy: 'coordinator-of-case-area',
      prepare: async () => {
        const id = await pendingBasis((await freshCase()).caseId);
        return {
          variables: { input: { legalBasisId: id, decision: 'CONFIRM' } },
          target: { ...rheine, openedBy: staffId('coordinator-rheine') },
        };
      },
    },
    'reviewLegalBasis (area-wide)': {
      query: `mutation($input: ReviewLegalBasisInput!) { reviewLegalBasis(input: $input) { id } }`,
      unknown: unknownAt('legalBasisId'),
      // The area's coordinators list its legal bases (QUERIES.legalBases): the author is told why.
      knownBy: 'coordinator-of-case-area',
      variant: 'area-wide',
      prepare: async () => {
        const id = await pendingBasis(undefined);
        return {
          variables: { input: { legalBasisId: id, decision: 'REJECT', note: 'Matrix: nicht erforderlich' } },
          target: { ...rheine, openedBy: staffId('coordinator-rheine') },
        };
      },
    },
    openAccessOverride: {
      query: `mutation($input: OpenAccessOverrideInput!) { openAccessOverride(input: $input) { id } }`,
      unknown: unknownAt('caseId'),
      prepare: async () => ({
        variables: {
          input: { caseId: (await freshCase()).caseId, reason: 'Matrix: Vorsprache, Akte liegt in Rheine', minutes: 5 },
        },
        target: rheine,
      }),
      alsoRefusal: ['INVALID_INPUT'],
    },
    reviewAccessOverride: {
      query: `mutation($input: ReviewAccessOverrideInput!) { reviewAccessOverride(input: $input) { id } }`,
      unknown: unknownAt('overrideId'),
      prepare: async () => {
        const { caseId } = await freshCase();
        const o = await must<{ openAccessOverride: { id: string } }>(
          hub,
          token('cm-lengerich-2'),
          `mutation($input: OpenAccessOverrideInput!) { openAccessOverride(input: $input) { id } }`,
          { input: { caseId, reason: 'Matrix: Vorsprache, Akte liegt in Rheine', minutes: 5 } },
          'fresh override',
        );
        return {
          variables: { input: { overrideId: o.openAccessOverride.id, verdict: 'JUSTIFIED' } },
          target: { ...rheine, openedBy: staffId('cm-lengerich-2') },
        };
      },
    },
    decideLinkReview: {
      query: `mutation($input: DecideLinkReviewInput!) { decideLinkReview(input: $input) { id } }`,
      unknown: unknownAt('reviewId'),
      prepare: async () => {
        const { rheinePerson, steinfurtPerson } = await pairOfPersons();
        const [a, b] = [rheinePerson, steinfurtPerson].sort();
        const [row] = await hub.db.ds.query(
          `INSERT INTO link_reviews (tenant_id, person_a_id, person_b_id, score, evidence, source)
           VALUES ($1, $2, $3, 2.0, '[{"field":"given","level":"variant","valueA":"x","valueB":"y","weight":2}]', 'maintenance') RETURNING id`,
          [fx.tenantId, a, b],
        );
        return {
          variables: {
            input: { reviewId: row.id, decision: 'DIFFERENT_PERSONS', note: 'Matrix: verschiedene Personen' },
          },
          target: { ...rheine, personIds: [a!, b!] },
        };
      },
    },
    unmergePersons: {
      query: `mutation($input: UnmergePersonsInput!) { unmergePersons(input: $input) { id } }`,
      unknown: unknownAt('mergeId'),
      prepare: async () => {
        const { rheinePerson, steinfurtPerson } = await pairOfPersons();
        await hub.db.ds.query(`UPDATE persons SET merged_into_id = $3 WHERE tenant_id = $1 AND id = $2`, [
          fx.tenantId,
          steinfurtPerson,
          rheinePerson,
        ]);
        const [row] = await hub.db.ds.query(
          `INSERT INTO person_merges (tenant_id, survivor_id, merged_id, basis, reason) VALUES ($1, $2, $3, 'score', 'Matrix') RETURNING id`,
          [fx.tenantId, rheinePerson, steinfurtPerson],
        );
        return {
          variables: { input: { mergeId: row.id, reason: 'Matrix: falsch verknüpft' } },
          target: { ...rheine, personIds: [rheinePerson, steinfurtPerson] },
        };
      },
    },
    replayMessage: {
      query: `mutation($id: ID!) { replayMessage(id: $id) { id } }`,
      unknown: unknownAt('id'),
      prepare: async () => ({ variables: { id: await deadMessage() }, target: rheine }),
    },
    discardMessage: {
      query: `mutation($id: ID!) { discardMessage(id: $id, reason: "Matrix: telefonisch erledigt") { id } }`,
      unknown: unknownAt('id'),
      prepare: async () => ({ variables: { id: await deadMessage() }, target: rheine }),
    },
    recallReferral: {
      query: `mutation($id: ID!) { recallReferral(referralId: $id, reason: "Matrix: Person verzogen") { id } }`,
      unknown: unknownAt('id'),
      prepare: async () => ({ variables: { id: (await freshCase({ referral: 'sent' })).referralId }, target: rheine }),
    },
  };

  // Issue 19 item 5: a fresh case of Rheine offered to the other Kreis under a transfer consent.
  const TRANSFER_OFFER = `mutation($input: OfferTransferInput!) { offerTransfer(input: $input) { id } }`;
  const transferableCase = async () => {
    await hub.db.ds.query(`UPDATE tenants SET accepts_transfers = true WHERE id = $1`, [fx.otherTenantId]);
    const { caseId } = await freshCase();
    await must(
      hub,
      cm,
      RECORD_CONSENT,
      {
        input: consentInput(caseId, '', ['IDENTITY', 'CONTACT'], {
          recipientAgencyId: null,
          recipientTenantId: fx.otherTenantId,
          purposes: ['TRANSFER'],
        }),
      },
      'fresh transfer consent',
    );
    return caseId;
  };
  const offeredTransfer = async () => {
    const caseId = await transferableCase();
    return (
      await must<{ offerTransfer: { id: string } }>(
        hub,
        cm,
        TRANSFER_OFFER,
        { input: { caseId, toTenantId: fx.otherTenantId } },
        'fresh transfer offer',
      )
    ).offerTransfer.id;
  };
  const otherRegion = (key: string) => fx.otherCreds.regions.find((r) => r.key === key)!.id;
  const otherArea = async (regionId: string) =>
    (
      await hub.db.ds.query<{ area: string }[]>(
        `SELECT coordination_area_id AS area FROM regions WHERE tenant_id = $1 AND id = $2`,
        [fx.otherTenantId, regionId],
      )
    )[0]!.area;
  Object.assign(probes, {
    offerTransfer: {
      query: TRANSFER_OFFER,
      unknown: unknownAt('caseId'),
      prepare: async () => ({
        variables: { input: { caseId: await transferableCase(), toTenantId: fx.otherTenantId } },
        target: rheine,
      }),
    },
    withdrawTransfer: {
      query: `mutation($id: ID!) { withdrawTransfer(transferId: $id) { id } }`,
      unknown: unknownAt('id'),
      prepare: async () => ({ variables: { id: await offeredTransfer() }, target: rheine }),
    },
    declineTransfer: {
      query: `mutation($input: DeclineTransferInput!) { declineTransfer(input: $input) { id } }`,
      unknown: unknownAt('transferId'),
      prepare: async () => ({
        variables: { input: { transferId: await offeredTransfer(), reason: 'Matrix: nicht zuständig' } },
        target: { ...rheine, tenantId: fx.otherTenantId },
      }),
    },
    acceptTransfer: {
      query: `mutation($input: AcceptTransferInput!) { acceptTransfer(input: $input) { caseId } }`,
      unknown: unknownAt('transferId'),
      // The other coordinators of the receiving Kreis see the offer in their list: their refusal
      // (the regional area is not theirs) may say so.
      knownBy: 'coordinator-of-receiving-tenant',
      prepare: async () => {
        const regionId = otherRegion('rheine');
        return {
          variables: { input: { transferId: await offeredTransfer(), regionId } },
          target: { regionId, areaId: await otherArea(regionId), tenantId: fx.otherTenantId },
        };
      },
    },
  } satisfies Record<string, MutationProbe>);

  Object.assign(probes, administrationProbes(hub, fx));

  for (const name of schemaMutations) {
    const variants = Object.entries(probes).filter(([key]) => key === name || key.startsWith(`${name} (`));
    const policy = MUTATIONS[name];
    if (variants.length === 0 || !policy) {
      check(t, false, false, `mutation ${name}: ${policy ? 'no probe' : 'not in the policy table'}`);
      continue;
    }
    for (const [label, probe] of variants) {
      const row = probe.variant ? policy.variants?.[probe.variant] : policy;
      if (!row) {
        check(t, false, false, `mutation ${label}: not in the policy table`);
        continue;
      }
      await probeMutation(hub, fx, t, name, label, probe, row.scope);
    }
  }
  for (const name of Object.keys(MUTATIONS))
    if (!schemaMutations.includes(name))
      check(t, false, false, `mutation ${name} of the policy table is not in the schema`);
}

/**
 * Intake by identifier (issue 14, finding 1): knowing another area's person's number must reveal
 * nothing, write nothing into that person, and the new case's Art. 15 report lists only it.
 */
export async function probeIntakeByIdentifier(hub: MatrixHub, fx: MatrixFixture, t: Tally): Promise<void> {
  const token = (key: string) => fx.creds.staff.find((s) => s.key === key)!.token;
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const azr = `AZR-I${tag}`;
  const known = freshPerson({
    identifiers: [
      { kind: 'azr', value: azr },
      { kind: 'agency-customer-number', agencyId: fx.agency('jc').id, value: `JC-I${tag}` },
    ],
  }) as { name: { givenNames: string; familyName: string }; birthDate: string };
  const opened = await must<{ openCase: { person: { id: string }; reference: string } }>(
    hub,
    token('cm-rheine-1'),
    OPEN_CASE,
    { input: { regionId: fx.regions.rheine, person: known } },
    'intake probe: the known person',
  );
  const knownId = opened.openCase.person.id;
  const row = async () =>
    JSON.stringify(
      await hub.db.ds.query(`SELECT * FROM persons WHERE tenant_id = $1 AND id = $2`, [fx.tenantId, knownId]),
    );
  const before = await row();
  const secrets = [
    known.name.givenNames,
    known.name.familyName,
    known.birthDate,
    `JC-I${tag}`,
    opened.openCase.reference,
  ];
  const existing = new Set(
    (await hub.db.ds.query<{ id: string }[]>(`SELECT id FROM persons WHERE tenant_id = $1`, [fx.tenantId])).map(
      (p) => p.id,
    ),
  );
  const r = await hub.gql(
    token('cm-steinfurt-1'),
    `mutation($input: OpenCaseInput!) { openCase(input: $input) { id person { id givenNames familyName birthDate aliases { givenNames familyName } identifiers { kind issuer value } } } }`,
    {
      input: {
        regionId: fx.regions.steinfurt,
        person: freshPerson({ municipality: 'Steinfurt', identifiers: [{ kind: 'azr', value: azr }] }),
      },
    },
  );
  const text = JSON.stringify(r);
  const revealed = secrets.filter((s) => text.includes(s));
  // Attached: the answer is a person who existed before (the known one, or one it is merged into).
  const attached = existing.has(r.data?.openCase?.person?.id as string);
  check(
    t,
    !attached && revealed.length === 0,
    attached || revealed.length > 0,
    `intake by another area's AZR number: ${attached ? 'attached to a known person' : 'not attached'}${revealed.length ? `, revealed ${revealed.join(', ')}` : ''}`,
  );
  const after = await row();
  check(
    t,
    after === before,
    after !== before,
    "intake by another area's AZR number: the known person's record was changed",
  );
  const newCase = r.data?.openCase?.id as string | undefined;
  if (newCase) {
    const res = await fetch(`${hub.url}/reports/access/${newCase}`, {
      headers: { authorization: `Bearer ${token('cm-steinfurt-1')}` },
    });
    const body = await res.text();
    const shown = secrets.filter((s) => body.includes(s));
    check(
      t,
      res.status === 200 && shown.length === 0,
      shown.length > 0,
      `Art. 15 report of the case opened by another area's AZR number: ${res.status}${shown.length ? `, shows ${shown.join(', ')}` : ''}`,
    );
  }
}

/**
 * Issue 18, the administration: each target is made fresh in the fixture's tenant by its tenant
 * administrator (through the API), so that another tenant's administrator names something of a
 * tenant not theirs and must be refused as if it did not exist. sendTestEvent names nothing: the
 * calling agency is its target.
 */
function administrationProbes(hub: MatrixHub, fx: MatrixFixture): Record<string, MutationProbe> {
  const admin = fx.principals.find((v) => v.label === 'staff:tenant-admin')!.token;
  const tag = () => randomBytes(4).toString('hex');
  const none = { regionId: fx.regions.rheine, areaId: fx.areas.rheine };
  const mine = { ...none, tenantId: fx.tenantId };
  const as = <T = any>(query: string, variables: Record<string, unknown>, what: string) =>
    must<T>(hub, admin, query, variables, what);
  const area = async () =>
    (
      await as(
        `mutation($i: CoordinationAreaInput!) { createCoordinationArea(input: $i) { id } }`,
        {
          i: { name: `Matrix-Bereich ${tag()}`, kind: 'municipality' },
        },
        'fresh coordination area',
      )
    ).createCoordinationArea.id as string;
  const region = async () =>
    (
      await as(
        `mutation($i: RegionalAreaInput!) { createRegionalArea(input: $i) { id } }`,
        {
          i: { name: `Matrix-Region ${tag()}`, coordinationAreaId: await area(), fte: 1 },
        },
        'fresh regional area',
      )
    ).createRegionalArea.id as string;
  const staffUser = async () =>
    (
      await as(
        `mutation($i: StaffUserInput!) { createStaffUser(input: $i) { id } }`,
        {
          i: {
            displayName: `Matrix ${tag()}`,
            email: `m-${tag()}@matrix.example`,
            role: 'CASE_MANAGER',
            regionId: await region(),
          },
        },
        'fresh staff user',
      )
    ).createStaffUser.id as string;
  const agency = async () =>
    (
      await as(
        `mutation($i: AgencyInput!) { createAgency(input: $i) { agencyId } }`,
        {
          i: { name: `Matrix-Träger ${tag()}`, kind: 'WELFARE_ORGANISATION', channel: 'FILE' },
        },
        'fresh agency',
      )
    ).createAgency.agencyId as string;
  const service = async () =>
    (
      await as(
        `mutation($i: ServiceInput!) { createService(input: $i) { id } }`,
        {
          i: { agencyId: await agency(), code: `M-${tag()}`, name: 'Matrix-Beratung', lifeDomain: 'FAMILY' },
        },
        'fresh service',
      )
    ).createService.id as string;
  const credential = async () =>
    (
      await as(
        `mutation($o: CredentialOwnerInput!) { issueCredential(owner: $o) { credential { id } } }`,
        {
          o: { staffUserId: await staffUser() },
        },
        'fresh credential',
      )
    ).issueCredential.credential.id as string;
  const unknownIn = (key: string) => (v: Record<string, any>) => ({ ...v, input: { ...v.input, [key]: randomUUID() } });
  // Naming another tenant's area, agency or staff user is refused like naming one that does not exist.
  const referenceRefused = ['INVALID_INPUT'];
  return {
    createCoordinationArea: {
      query: `mutation($input: CoordinationAreaInput!) { createCoordinationArea(input: $input) { id } }`,
      prepare: () =>
        Promise.resolve({ variables: { input: { name: `Matrix-Bereich ${tag()}`, kind: 'kreis' } }, target: none }),
    },
    setPrivacyContacts: {
      query: `mutation($input: PrivacyContactsInput!) { setPrivacyContacts(input: $input) { dpoName } }`,
      prepare: () =>
        Promise.resolve({
          variables: {
            input: {
              controllerName: `Matrix-Kreis ${tag()}`,
              controllerAddress: 'Matrixweg 1',
              dpoName: 'Matrix-DSB',
              dpoContact: 'dsb@matrix.example',
            },
          },
          target: none,
        }),
    },
    renameCoordinationArea: {
      query: `mutation($id: ID!, $name: String!) { renameCoordinationArea(id: $id, name: $name) { id } }`,
      unknown: unknownAt('id'),
      prepare: async () => ({ variables: { id: await area(), name: `Matrix-Neu ${tag()}` }, target: mine }),
    },
    createRegionalArea: {
      query: `mutation($input: RegionalAreaInput!) { createRegionalArea(input: $input) { id } }`,
      alsoRefusal: referenceRefused,
      unknown: unknownIn('coordinationAreaId'),
      prepare: async () => ({
        variables: { input: { name: `Matrix-Region ${tag()}`, coordinationAreaId: await area(), fte: 1.5 } },
        target: mine,
      }),
    },
    updateRegionalArea: {
      query: `mutation($id: ID!, $input: RegionalAreaUpdate!) { updateRegionalArea(id: $id, input: $input) { id } }`,
      unknown: unknownAt('id'),
      prepare: async () => ({
        variables: { id: await region(), input: { fte: 2, contactPhone: '+49 5971 000-0' } },
        target: mine,
      }),
    },
    createStaffUser: {
      query: `mutation($input: StaffUserInput!) { createStaffUser(input: $input) { id } }`,
      alsoRefusal: referenceRefused,
      unknown: unknownIn('regionId'),
      prepare: async () => ({
        variables: {
          input: {
            displayName: `Matrix ${tag()}`,
            email: `m-${tag()}@matrix.example`,
            role: 'CASE_MANAGER',
            regionId: await region(),
          },
        },
        target: mine,
      }),
    },
    updateStaffUser: {
      query: `mutation($id: ID!, $input: StaffUserUpdate!) { updateStaffUser(id: $id, input: $input) { id } }`,
      unknown: unknownAt('id'),
      prepare: async () => ({ variables: { id: await staffUser(), input: { active: false } }, target: mine }),
    },
    createAgency: {
      query: `mutation($input: AgencyInput!) { createAgency(input: $input) { agencyId } }`,
      prepare: () =>
        Promise.resolve({
          variables: { input: { name: `Matrix-Träger ${tag()}`, kind: 'WELFARE_ORGANISATION', channel: 'FILE' } },
          target: none,
        }),
    },
    updateAgency: {
      query: `mutation($id: ID!, $input: AgencyUpdate!) { updateAgency(id: $id, input: $input) { id } }`,
      unknown: unknownAt('id'),
      prepare: async () => ({ variables: { id: await agency(), input: { contactHours: 'Mo-Fr 9-12' } }, target: mine }),
    },
    createService: {
      query: `mutation($input: ServiceInput!) { createService(input: $input) { id } }`,
      alsoRefusal: referenceRefused,
      unknown: unknownIn('agencyId'),
      prepare: async () => ({
        variables: {
          input: { agencyId: await agency(), code: `M-${tag()}`, name: 'Matrix-Beratung', lifeDomain: 'FAMILY' },
        },
        target: mine,
      }),
    },
    updateService: {
      query: `mutation($id: ID!, $input: ServiceUpdate!) { updateService(id: $id, input: $input) { id } }`,
      unknown: unknownAt('id'),
      prepare: async () => ({ variables: { id: await service(), input: { responseDays: 7 } }, target: mine }),
    },
    issueCredential: {
      query: `mutation($owner: CredentialOwnerInput!) { issueCredential(owner: $owner) { secret } }`,
      alsoRefusal: referenceRefused,
      unknown: (v) => ({ ...v, owner: { staffUserId: randomUUID() } }),
      prepare: async () => ({ variables: { owner: { staffUserId: await staffUser() } }, target: mine }),
    },
    expireCredential: {
      query: `mutation($id: ID!) { expireCredential(id: $id) { id } }`,
      unknown: unknownAt('id'),
      prepare: async () => ({ variables: { id: await credential() }, target: mine }),
    },
    revokeCredential: {
      query: `mutation($id: ID!) { revokeCredential(id: $id) { id } }`,
      unknown: unknownAt('id'),
      prepare: async () => ({ variables: { id: await credential() }, target: mine }),
    },
    rotateCredential: {
      query: `mutation($id: ID!) { rotateCredential(id: $id, overlapSeconds: 60) { secret } }`,
      unknown: unknownAt('id'),
      prepare: async () => ({ variables: { id: await credential() }, target: mine }),
    },
    endStaffSessions: {
      query: `mutation($staffUserId: ID!) { endStaffSessions(staffUserId: $staffUserId) }`,
      unknown: unknownAt('staffUserId'),
      prepare: async () => ({ variables: { staffUserId: await staffUser() }, target: mine }),
    },
    endMySession: {
      query: `mutation($id: ID!) { endMySession(id: $id) }`,
      unknown: unknownAt('id'),
      // A session of single sign-on of a case manager of the matrix, opened as the callback would.
      prepare: async () => {
        const owner = fx.creds.staff.find((s) => s.key === 'cm-rheine-1')!.id;
        const session = await openSession(hub.db.ds, fx.tenantId, {
          staffUserId: owner,
          issuer: 'https://idp.matrix.example',
          idleSeconds: 600,
          absoluteSeconds: 3600,
          userAgent: null,
        });
        return { variables: { id: session.id }, target: { ...none, tenantId: fx.tenantId, sessionOf: owner } };
      },
    },
    sendTestEvent: {
      query: `mutation { sendTestEvent { eventId ok } }`,
      // An agency that receives files has no webhook URL to test: told so, nothing sent.
      alsoRefusal: ['CONFLICT'],
      prepare: () => Promise.resolve({ variables: {}, target: none }),
    },
  };
}
