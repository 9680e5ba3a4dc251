import { randomUUID } from 'node:crypto';
import {
  astFromValue,
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  print,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import {
  CREATE_REFERRAL,
  OPEN_CASE,
  RECORD_CONSENT,
  SEND_REFERRAL,
  consentFor,
  newcomer,
} from '@kim/test-support/fixtures';

/**
 * Generated from the schema: for every query and mutation, every argument and input field that
 * is an ID or a String (at any depth, in lists too) is sent malformed while everything else is
 * well formed: ids that are no UUIDs, a text of 150,000 characters (the review's reason), NUL
 * bytes and other control characters, and lists far too long. Each must come back as a
 * client error (HTTP 400, INVALID_INPUT) naming the argument and what is wrong, never a
 * server error, and nothing in the database may change. Sent once as variables and once as
 * literals in the document, since both reach the resolvers.
 *
 * The expectations are written here: the path each problem must be reported at is computed by
 * this test from the introspected schema, not taken from the gateway's checker.
 */
type Json = unknown;
interface Probe {
  field: string;
  root: 'query' | 'mutation';
  path: string[];
  value: Json;
  kind: 'id' | 'long' | 'nul' | 'control' | 'list';
}

const BAD_IDS = ['not-a-uuid', "1' OR '1'='1", `${randomUUID()}\u0000`, '', '12345'];
const LONG_TEXT = 'x'.repeat(150_000);
const WHAT: Record<Probe['kind'], RegExp> = {
  id: /UUID/,
  long: /at most \d+ characters/,
  nul: /NUL/,
  control: /control character/,
  list: /at most \d+/,
};

describe('every argument of every query and mutation is bounded (generated from the schema)', () => {
  let hub: TestHub;
  let schema: GraphQLSchema;
  let token: string;
  const fixtures: Record<string, string> = {};

  beforeAll(async () => {
    hub = await startTestHub('input_bounds', { persons: 6 });
    token = hub.token('coordinator-rheine');
    const cm = hub.token('cm-rheine-1');
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const jc = hub.creds.agencies.find((a) => a.key === 'jc')!.id;
    const serviceId = hub.creds.services.find((s) => s.code === 'JC-VERMITTLUNG')!.id;
    // Real ids where the name says what they are, so that a probe that got through would act.
    const caseId = (await hub.gql(cm, OPEN_CASE, { input: { person: newcomer(), regionId: rheine } })).data.openCase
      .id as string;
    const consent = await hub.gql(cm, RECORD_CONSENT, { input: consentFor(caseId, jc) });
    const draft = async () =>
      (
        await hub.gql(cm, CREATE_REFERRAL, {
          input: { caseId, serviceId, purpose: 'REFERRAL', categories: ['IDENTITY'] },
        })
      ).data.createReferral.id as string;
    const sent = await draft();
    const sending = await hub.gql(cm, SEND_REFERRAL, { id: sent });
    if (sending.errors) throw new Error(`setup: send failed: ${JSON.stringify(sending.errors)}`);
    const [message] = await hub.db.ds.query(`SELECT id FROM outbox_messages WHERE referral_id = $1`, [sent]);
    const [staff] = await hub.db.ds.query(`SELECT id, coordination_area_id FROM staff_users WHERE token_hash = $1`, [
      (await import('@kim/demo-data')).sha256(token),
    ]);
    Object.assign(fixtures, {
      caseId,
      referralId: await draft(),
      consentId: consent.data.recordConsent.id,
      agencyId: jc,
      recipientAgencyId: jc,
      serviceId,
      regionId: rheine,
      caseManagerId: hub.creds.staff.find((s) => s.key === 'cm-rheine-1')!.id,
      areaId: staff.coordination_area_id,
      'case.id': caseId,
      'replayMessage.id': message.id,
      'discardMessage.id': message.id,
    });
    const intro = await hub.gql(token, getIntrospectionQuery());
    schema = buildClientSchema(intro.data);
  });

  afterAll(() => hub?.close());

  /** A well-formed value of a type; real ids where the argument's name tells which. */
  function sample(type: GraphQLInputType, name: string, field: string): Json {
    if (isNonNullType(type)) return sample(type.ofType, name, field);
    if (isListType(type)) return [sample(type.ofType, name, field)];
    if (isInputObjectType(type))
      return Object.fromEntries(Object.values(type.getFields()).map((f) => [f.name, sample(f.type, f.name, field)]));
    if (isEnumType(type)) return type.getValues()[0]!.value;
    if (!isScalarType(type)) throw new Error(`no sample for ${String(type)}`);
    switch (type.name) {
      case 'ID':
        return fixtures[`${field}.${name}`] ?? fixtures[name] ?? randomUUID();
      case 'String':
        if (/date|valid|signedOn/i.test(name)) return '2026-01-02';
        if (name === 'from' || name === 'to') return '2026-01';
        return 'Beispieltext';
      case 'Int':
        return 1;
      case 'Float':
        return 1.5;
      case 'Boolean':
        return false;
      case 'DateTime':
        return new Date().toISOString();
      default:
        throw new Error(`no sample for scalar ${type.name}`);
    }
  }

  /** Every malformed variant of a field's arguments, one leaf at a time. */
  function probesOf(root: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): Probe[] {
    const out: Probe[] = [];
    const walk = (type: GraphQLInputType, path: string[]) => {
      if (isNonNullType(type)) return walk(type.ofType, path);
      if (isListType(type)) {
        out.push({ root, field: field.name, path, value: 'LIST', kind: 'list' });
        return walk(type.ofType, [...path, '0']);
      }
      if (isInputObjectType(type)) {
        for (const f of Object.values(type.getFields())) walk(f.type, [...path, f.name]);
        return;
      }
      if (!isScalarType(type)) return;
      if (type.name === 'ID')
        for (const v of BAD_IDS) out.push({ root, field: field.name, path, value: v, kind: 'id' });
      if (type.name === 'String') {
        out.push({ root, field: field.name, path, value: LONG_TEXT, kind: 'long' });
        out.push({ root, field: field.name, path, value: 'vor\u0000nach', kind: 'nul' });
        out.push({ root, field: field.name, path, value: 'Zeile\u001b[31m', kind: 'control' });
      }
    };
    for (const arg of field.args) walk(arg.type, [arg.name]);
    return out;
  }

  function argsWith(field: GraphQLField<unknown, unknown>, probe: Probe): Record<string, Json> {
    const args: Record<string, Json> = Object.fromEntries(
      field.args.map((a: GraphQLArgument) => [a.name, sample(a.type, a.name, field.name)]),
    );
    // Set the probed leaf; a list probe repeats its one well-formed item far beyond any bound.
    let holder = args;
    for (const key of probe.path.slice(0, -1)) holder = holder[key] as Record<string, Json>;
    const last = probe.path[probe.path.length - 1]!;
    holder[last] =
      probe.kind === 'list' ? Array.from({ length: 1000 }, () => (holder[last] as Json[])[0]) : probe.value;
    return args;
  }

  const selection = (field: GraphQLField<unknown, unknown>) =>
    isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';

  function asVariables(probe: Probe, field: GraphQLField<unknown, unknown>) {
    const defs = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
    const uses = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
    return {
      query: `${probe.root} Probe(${defs}) { ${field.name}(${uses})${selection(field)} }`,
      variables: argsWith(field, probe),
    };
  }

  function asLiterals(probe: Probe, field: GraphQLField<unknown, unknown>) {
    const args = argsWith(field, probe);
    const uses = field.args.map((a) => `${a.name}: ${print(astFromValue(args[a.name], a.type)!)}`).join(', ');
    return { query: `${probe.root} { ${field.name}(${uses})${selection(field)} }` };
  }

  async function snapshot(): Promise<Record<string, string>> {
    const tables: { name: string }[] = await hub.db.ds.query(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const out: Record<string, string> = {};
    for (const { name } of tables) {
      const [row] = await hub.db.ds.query(
        `SELECT count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS v FROM "${name}" t`,
      );
      out[name] = row.v;
    }
    return out;
  }

  it('refuses malformed ids, over-long texts, NUL and control characters and long lists in every argument with a 400 that names it, and writes nothing', async () => {
    const before = await snapshot();
    const roots = [
      ['query', schema.getQueryType()],
      ['mutation', schema.getMutationType()],
    ] as const;
    const failures: string[] = [];
    const fieldsProbed = new Set<string>();
    let requests = 0;
    for (const [root, type] of roots) {
      for (const field of Object.values(type!.getFields())) {
        for (const probe of probesOf(root, field)) {
          fieldsProbed.add(field.name);
          // A literal list of a thousand input objects is refused earlier, by the token limit.
          const modes = [['variables', asVariables(probe, field)]] as [
            string,
            { query: string; variables?: unknown },
          ][];
          if (probe.kind !== 'list') modes.push(['literals', asLiterals(probe, field)]);
          for (const [mode, body] of modes) {
            requests++;
            const res = await fetch(`${hub.url}/graphql`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              body: JSON.stringify(body),
            });
            const json = (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: any }[] };
            const error = json.errors?.[0];
            const path = probe.path.join('.');
            const named = (error?.extensions?.problems ?? []).some(
              (p: { path: string; message: string }) => p.path === path && WHAT[probe.kind].test(p.message),
            );
            const ok =
              res.status === 400 &&
              error?.extensions?.code === 'INVALID_INPUT' &&
              named &&
              error.message.includes(path) &&
              (json.data === undefined || json.data === null);
            if (!ok)
              failures.push(
                `${field.name}(${path}) ${probe.kind} ${JSON.stringify(String(probe.value).slice(0, 20))} as ${mode}: HTTP ${res.status} ${error?.extensions?.code ?? 'no error'}: ${error?.message?.slice(0, 160) ?? JSON.stringify(json).slice(0, 160)}`,
              );
          }
        }
      }
    }
    const after = await snapshot();
    const changed = Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
    console.log(
      `input bounds: ${requests} probes over ${fieldsProbed.size} queries and mutations, ${failures.length} not refused as expected, ${changed.length} tables changed`,
    );
    expect({ failures, changed }).toEqual({ failures: [], changed: [] });
    // Every root field with an argument of these kinds was probed (a field taking only enums,
    // Ints or Booleans has nothing of them to probe).
    const withText = [schema.getQueryType()!, schema.getMutationType()!].flatMap((t) =>
      Object.values(t.getFields()).filter((f) => probesOf('query', f).length > 0),
    );
    expect(fieldsProbed.size).toBe(withText.length);
    expect(fieldsProbed.size).toBeGreaterThan(20);
  });

  it('still lets well-formed input through the same checks', async () => {
    const ok = await hub.gql(token, `query($id: ID!) { case(id: $id) { id } }`, { id: fixtures.caseId });
    expect(ok.errors).toBeUndefined();
    const note = 'Zeile 1\nZeile 2\tmit Tab – äöü ß 😀';
    const cancelled = await hub.gql(
      token,
      `mutation($id: ID!, $reason: String!) { cancelReferral(referralId: $id, reason: $reason) { status } }`,
      { id: fixtures.referralId, reason: note },
    );
    expect(cancelled.errors).toBeUndefined();
    const [row] = await hub.db.ds.query(`SELECT status FROM referrals WHERE id = $1`, [fixtures.referralId]);
    expect(row.status).toBe('cancelled');
  });
});
