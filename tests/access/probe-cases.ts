/**
 * Case reads: the single read of the probe cases, the case list, and search, for every
 * principal, compared field by field with what the table says.
 */
import { check, compareTree, leftoverErrors, type GqlError, type Tally } from './compare.js';
import type { MatrixFixture, MatrixHub } from './fixture.js';
import { fullSelection, selectionText, type Oracle, type Viewer } from './oracle.js';

export interface Oracles {
  of(v: Viewer): Oracle;
  /** The probe tenant's. */
  main: Oracle;
}

/** The answer for an id no case has, with the id taken out: what "no" must look like. */
async function unknownAnswer(hub: MatrixHub, v: Viewer, id: string): Promise<{ code: string; message: string }> {
  const r = await hub.gql(v.token, `query($id: ID!) { case(id: $id) { id } }`, { id });
  const e = (r.errors?.[0] ?? {}) as GqlError;
  return { code: String(e.extensions?.code ?? 'none'), message: String(e.message ?? '').replaceAll(id, '<id>') };
}

/** A refused read: no data, and the same answer as for an unknown id. */
export function checkRefusal(
  t: Tally,
  what: string,
  r: { data?: any; errors?: GqlError[] },
  data: unknown,
  id: string,
  unknown: { code: string; message: string },
): void {
  const e = r.errors?.[0];
  const answer = {
    code: String(e?.extensions?.code ?? 'none'),
    message: String(e?.message ?? '').replaceAll(id, '<id>'),
  };
  const sameAsUnknown = answer.code === unknown.code && answer.message === unknown.message;
  const shapeOk = answer.code === 'NOT_FOUND' || (answer.code === 'FORBIDDEN' && unknown.code === 'FORBIDDEN');
  check(
    t,
    data == null && (r.errors?.length ?? 0) === 1 && sameAsUnknown && shapeOk,
    data != null,
    data != null
      ? `${what}: shown, though the caller may not see it`
      : `${what}: expected the answer for an unknown id (${unknown.code} "${unknown.message}"), got ${answer.code} "${answer.message}"`,
  );
}

export async function probeSingleReads(hub: MatrixHub, fx: MatrixFixture, oracles: Oracles, t: Tally): Promise<void> {
  const sel = fullSelection('Case');
  const text = selectionText(sel);
  for (const v of fx.principals) {
    const unknown = await unknownAnswer(hub, v, fx.unknownCaseId);
    for (const [name, id] of [
      ['A', fx.caseA],
      ['B', fx.caseB],
    ] as const) {
      const what = `${v.label} case(${name})`;
      const r = await hub.gql(v.token, `query($id: ID!) { case(id: $id) { ${text} } }`, { id });
      const view = oracles.main.view(v, id, 'single');
      if (!view) {
        checkRefusal(t, what, r, r.data?.case, id, unknown);
        continue;
      }
      const used = new Set<GqlError>();
      const c = oracles.main.caseById(id)!;
      check(
        t,
        r.data?.case != null,
        false,
        `${what}: expected the case, got ${JSON.stringify(r.errors?.[0]?.message ?? null)}`,
      );
      if (r.data?.case == null) continue;
      compareTree(t, what, r.data.case, oracles.main.expectCase(c, view, sel), ['case'], r.errors ?? [], used);
      leftoverErrors(t, what, r.errors, used);
    }
  }
}

type Page = { nodes: { node: any; index: number; errors: GqlError[] }[]; refused?: string };

async function allPages(
  hub: MatrixHub,
  v: Viewer,
  text: string,
  filter?: Record<string, unknown>,
  orderBy?: { field: string; direction: string },
): Promise<Page> {
  const out: Page = { nodes: [] };
  let after: string | null = null;
  for (let page = 0; page < 40; page++) {
    const r: { data?: any; errors?: GqlError[] } = await hub.gql(
      v.token,
      `query($after: String, $filter: CaseFilterInput, $orderBy: CaseOrderInput) { cases(first: 50, after: $after, filter: $filter, orderBy: $orderBy) { edges { node { ${text} } } pageInfo { hasNextPage endCursor } } }`,
      { after, filter: filter ?? null, orderBy: orderBy ?? null },
    );
    if (!r.data?.cases) {
      out.refused = String(r.errors?.[0]?.extensions?.code ?? r.errors?.[0]?.message ?? 'no data');
      return out;
    }
    (r.data.cases.edges as { node: any }[]).forEach((e, index) =>
      out.nodes.push({ node: e.node, index, errors: r.errors ?? [] }),
    );
    if (!r.data.cases.pageInfo.hasNextPage) break;
    after = r.data.cases.pageInfo.endCursor;
  }
  return out;
}

/** The case list, every case in it compared whole: exactly the cases the table says, as it says. */
export async function probeLists(hub: MatrixHub, fx: MatrixFixture, oracles: Oracles, t: Tally): Promise<void> {
  const sel = fullSelection('Case');
  const text = selectionText(sel);
  for (const v of fx.principals) {
    const o = oracles.of(v);
    const expected = new Map(o.listed(v).map((c) => [c.id, c]));
    const what = `${v.label} cases`;
    const page = await allPages(hub, v, text);
    if (page.refused) {
      // Refusing a list is "no cases" only for those who may see none.
      check(t, expected.size === 0, false, `${what}: refused (${page.refused}) but ${expected.size} case(s) expected`);
      continue;
    }
    const seen = new Set<string>();
    for (const { node, index, errors } of page.nodes) {
      const c = expected.get(node?.id);
      if (!c || seen.has(node.id)) {
        check(t, false, true, `${what}: case ${node?.id} (${node?.reference}) is listed but may not be`);
        continue;
      }
      seen.add(node.id);
      check(t, true, false, what);
      const used = new Set<GqlError>();
      const itemWhat = `${what}[${c.reference}]`;
      compareTree(
        t,
        itemWhat,
        node,
        o.expectCase(c, o.view(v, c.id, 'list')!, sel),
        ['cases', 'edges', index, 'node'],
        errors,
        used,
      );
      // Errors of other items on the page are theirs; only this item's path counts here.
      leftoverErrors(
        t,
        itemWhat,
        errors.filter((e) => (e.path ?? []).slice(0, 4).join('.') === `cases.edges.${index}.node`),
        used,
      );
    }
    for (const [id, c] of expected) if (!seen.has(id)) check(t, false, false, `${what}: case ${c.reference} missing`);
  }
}

/** Search: by reference, by name and alias prefixes; agencies find by name only with identity in their grant. */
export async function probeSearch(hub: MatrixHub, fx: MatrixFixture, oracles: Oracles, t: Tally): Promise<void> {
  for (const v of fx.principals) {
    const o = oracles.of(v);
    for (const term of fx.searchTerms) {
      const what = `${v.label} search "${term}"`;
      const expected = new Set(
        o
          .listed(v)
          .filter((c) => o.searchFinds(term, c, o.view(v, c.id, 'list')!))
          .map((c) => c.id),
      );
      const page = await allPages(hub, v, 'id reference', { search: term });
      if (page.refused) {
        check(t, expected.size === 0, false, `${what}: refused (${page.refused}) but ${expected.size} expected`);
        continue;
      }
      const got = new Set(page.nodes.map((n) => n.node.id as string));
      const listed = new Set(o.listed(v).map((c) => c.id));
      for (const n of page.nodes) {
        const id = n.node.id as string;
        // A leak: a case the caller may not see, or an agency without identity finding a name.
        const view = o.view(v, id, 'list');
        const byName = !String(n.node.reference).toLowerCase().startsWith(term.toLowerCase());
        const leak = !listed.has(id) || (view?.as === 'agency' && !view.grant.has('identity') && byName);
        check(
          t,
          expected.has(id),
          !expected.has(id) && leak,
          `${what}: found ${n.node.reference}, which it may not find`,
        );
      }
      for (const id of expected)
        if (!got.has(id)) check(t, false, false, `${what}: did not find ${o.caseById(id)!.reference}`);
      if (expected.size === 0 && got.size === 0) check(t, true, false, what);
    }
  }
}

/**
 * Sorted lists (cases orderBy): the same cases as the plain list, in the order asked for, the
 * references ascending compared by the test itself; sorting by family name is refused to
 * agencies (they see names case by case) and changes nothing else for staff.
 */
export async function probeOrders(hub: MatrixHub, fx: MatrixFixture, oracles: Oracles, t: Tally): Promise<void> {
  for (const v of fx.principals) {
    const o = oracles.of(v);
    const expected = new Set(o.listed(v).map((c) => c.id));
    for (const field of ['REFERENCE', 'FAMILY_NAME']) {
      const what = `${v.label} cases by ${field}`;
      const page = await allPages(hub, v, 'id reference', undefined, { field, direction: 'ASC' });
      if (field === 'FAMILY_NAME' && v.kind === 'agency') {
        check(t, page.refused === 'INVALID_INPUT', page.nodes.length > 0, `${what}: expected a refusal`);
        continue;
      }
      if (page.refused) {
        check(t, expected.size === 0, false, `${what}: refused (${page.refused}) but ${expected.size} expected`);
        continue;
      }
      const ids = page.nodes.map((n) => n.node.id as string);
      for (const id of ids) check(t, expected.has(id), !expected.has(id), `${what}: case ${id} listed`);
      check(t, new Set(ids).size === ids.length && ids.length === expected.size, false, `${what}: every case once`);
      if (field === 'REFERENCE') {
        const refs = page.nodes.map((n) => String(n.node.reference));
        const sorted = [...refs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        check(t, refs.join() === sorted.join(), false, `${what}: in reference order`);
      }
    }
  }
}
