import { useState, type FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { parseSort, useSearchTerm } from '../list-url';
import { gql } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageTitle } from '../components/PageTitle';
import { CASE_SORT_FIELDS, CaseTable, caseOrderOf, type CaseSortField } from '../components/CaseTable';
import { useSession, useToken } from '../session';
import { PHASES, phaseParam } from './CasesPage';
import { graphql } from '../gql';

const PAGE_SIZE = 20;
const MY_CASES = graphql(`
  query MyCases($filter: CaseFilterInput, $after: String, $first: Int!, $orderBy: CaseOrderInput) {
    cases(first: $first, filter: $filter, after: $after, orderBy: $orderBy) {
      edges {
        node {
          id
          reference
          phase
          openedAt
          person {
            givenNames
            familyName
          }
          referrals {
            status
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const OPEN_REFERRAL = new Set(['REQUESTED', 'ACCEPTED', 'IN_PROGRESS', 'ON_HOLD']);

/** The order in the URL (`sort=reference-asc`); anything else: the hub's default, newest first. */
export const sortParam = (value: string | null) => parseSort(value, CASE_SORT_FIELDS);

/**
 * "Meine Fälle": the caller's own cases, newest first or sorted by a column header (the hub
 * sorts and pages); the phase, the order and the page (the hub's cursors, one per page: order and
 * case id, nothing personal) live in the URL so the back button works. The search term does not:
 * it is a name, kept in the history entry's state (list-url.ts).
 */
export function MyCasesPage() {
  const { t } = useTranslation();
  const token = useToken();
  const { session } = useSession();
  const [params] = useSearchParams();
  const [search, setSearch] = useSearchTerm();
  const phase = params.get('phase') ?? '';
  const sort = sortParam(params.get('sort'));
  // Cursors of the pages before this one: page n starts after cursors[n-1].
  const cursors = (params.get('pages') ?? '').split(',').filter(Boolean);
  const after = cursors.at(-1) ?? null;
  const [draft, setDraft] = useState({ search, phase });

  const phaseFilter = phaseParam(phase);
  const filter = {
    caseManagerId: session!.me.id,
    ...(search ? { search } : {}),
    ...(phaseFilter ? { phase: phaseFilter } : {}),
  };
  const orderBy = caseOrderOf(sort);
  const query = useQuery({
    queryKey: ['my-cases', filter, orderBy, after],
    // The rows shown stay until the new order's arrive: the header just chosen keeps the focus.
    placeholderData: keepPreviousData,
    queryFn: async () => (await gql(token, MY_CASES, { filter, after, first: PAGE_SIZE, orderBy })).data.cases,
  });
  const rows = query.data?.edges.map((e) => e.node) ?? [];

  // The order stays in the URL beside the filter; a new filter or order starts at page 1.
  function go(next: { q?: string; phase?: string; sort?: string; pages?: string[] }) {
    const p = new URLSearchParams();
    if (next.phase) p.set('phase', next.phase);
    if (next.sort) p.set('sort', next.sort);
    if (next.pages?.length) p.set('pages', next.pages.join(','));
    setSearch(next.q ?? '', p);
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    go({ q: draft.search.trim(), phase: draft.phase, sort: params.get('sort') ?? undefined });
  }
  // The same column again reverses the order; another column starts ascending, the date newest first.
  function sortBy(field: CaseSortField) {
    const current = sort ?? { field: 'openedAt', direction: 'desc' };
    const direction =
      current.field === field ? (current.direction === 'asc' ? 'desc' : 'asc') : field === 'openedAt' ? 'desc' : 'asc';
    go({ q: search, phase, sort: `${field}-${direction}` });
  }

  return (
    <>
      <PageTitle>{t('work.myCases')}</PageTitle>
      <p>
        <Link to="/intake">{t('work.newCase')}</Link>
      </p>
      <form role="search" className="search" onSubmit={submit} aria-label={t('work.filterCases')}>
        <div className="field">
          <label htmlFor="my-search">{t('cases.search')}</label>
          <input
            id="my-search"
            type="search"
            value={draft.search}
            maxLength={100}
            onChange={(e) => setDraft({ ...draft, search: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="my-phase">{t('cases.phase')}</label>
          <select id="my-phase" value={draft.phase} onChange={(e) => setDraft({ ...draft, phase: e.target.value })}>
            <option value="">{t('cases.anyPhase')}</option>
            {PHASES.map((p) => (
              <option key={p} value={p}>
                {t(`phase.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('work.filter')}</button>
      </form>
      <p className="hint">{t('work.sortNote')}</p>
      <section aria-labelledby="my-results">
        <h2 id="my-results">{t('work.pageN', { n: cursors.length + 1 })}</h2>
        {query.isPending && <p role="status">{t('common.loading')}</p>}
        {query.isError && <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />}
        {query.isSuccess && !rows.length && <p role="status">{t('cases.none')}</p>}
        {rows.length > 0 && (
          <CaseTable
            rows={rows.map((c) => ({
              ...c,
              openReferrals: c.referrals.filter((r) => OPEN_REFERRAL.has(r.status)).length,
            }))}
            columns={['openReferrals']}
            labelledBy="my-results"
            sort={{ ...(sort ?? { field: 'openedAt', direction: 'desc' }), onSort: sortBy }}
          />
        )}
        <nav aria-label={t('work.paging')} className="paging">
          {cursors.length > 0 && (
            <button
              type="button"
              onClick={() =>
                go({ q: search, phase, sort: params.get('sort') ?? undefined, pages: cursors.slice(0, -1) })
              }
            >
              {t('work.previousPage')}
            </button>
          )}
          {query.data?.pageInfo.hasNextPage && query.data.pageInfo.endCursor && (
            <button
              type="button"
              onClick={() =>
                go({
                  q: search,
                  phase,
                  sort: params.get('sort') ?? undefined,
                  pages: [...cursors, query.data.pageInfo.endCursor!],
                })
              }
            >
              {t('work.nextPage')}
            </button>
          )}
        </nav>
      </section>
    </>
  );
}
