/** What a GraphQL answer holding a Relay connection looks like to the paging helper. */
interface ConnectionAnswer {
  data?: Record<string, { totalCount: number; edges: { node: unknown }[]; pageInfo: PageInfo }> | null;
  errors?: unknown;
}
interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

/**
 * Pages through the Relay connection `list` from its start and spells its rows, one label per
 * node, in the order served: how the order int-specs compare a list's order with the one they
 * wrote down. Fails on any error, on a total that is not `totalCount`, and on paging that does
 * not end within 20 pages.
 */
export async function spellPages<N>(
  page: (after: string | null) => Promise<ConnectionAnswer>,
  list: string,
  label: (node: N) => string,
  totalCount: number,
): Promise<string> {
  let spelled = '';
  let after: string | null = null;
  for (let n = 0; n < 20; n++) {
    const r = await page(after);
    const connection = r.data?.[list];
    if (r.errors !== undefined || !connection) throw new Error(`${list}: ${JSON.stringify(r.errors ?? r.data)}`);
    if (connection.totalCount !== totalCount)
      throw new Error(`${list}: totalCount ${connection.totalCount}, expected ${totalCount}`);
    spelled += connection.edges.map((e) => label(e.node as N)).join('');
    if (!connection.pageInfo.hasNextPage) return spelled;
    after = connection.pageInfo.endCursor;
  }
  throw new Error(`${list}: paging did not end`);
}
