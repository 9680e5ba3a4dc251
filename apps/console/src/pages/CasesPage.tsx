import { useState, type FormEvent } from 'react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { gql } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageTitle } from '../components/PageTitle';
import { CASE_SORT_FIELDS, CaseTable, caseOrderOf } from '../components/CaseTable';
import { useSearchTerm, useUrlSort } from '../list-url';
import { useToken } from '../session';
import { graphql } from '../gql';

export const PHASES = ['INTAKE', 'ASSESSMENT', 'PLANNING', 'LINKING', 'MONITORING', 'REASSESSMENT', 'CLOSED'] as const;

/** The phase named in the URL, when it is one (anything else filters nothing). */
export const phaseParam = (value: string | null) => PHASES.find((p) => p === value);

const CASES = graphql(`
  query SearchCases($filter: CaseFilterInput, $after: String, $orderBy: CaseOrderInput) {
    cases(first: 25, filter: $filter, after: $after, orderBy: $orderBy) {
      edges {
        node {
          id
          reference
          phase
          openedAt
          region {
            name
          }
          caseManager {
            displayName
          }
          person {
            givenNames
            familyName
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

/**
 * Case search by reference or name (prefix), with the phase as a filter, sorted by a column
 * header (the hub sorts and pages). The URL keeps the phase and the order; the search term, a
 * name, stays out of it (history state, list-url.ts).
 */
export function CasesPage() {
  const { t } = useTranslation();
  const token = useToken();
  const [params] = useSearchParams();
  const [search, setSearch] = useSearchTerm();
  const phase = params.get('phase') ?? '';
  const [draft, setDraft] = useState({ search, phase });
  const { sort, named, sortBy } = useUrlSort(CASE_SORT_FIELDS, { field: 'openedAt', direction: 'desc' }, (f) =>
    f === 'openedAt' ? 'desc' : 'asc',
  );

  const phaseFilter = phaseParam(phase);
  const filter = { ...(search ? { search } : {}), ...(phaseFilter ? { phase: phaseFilter } : {}) };
  const orderBy = caseOrderOf(named);
  const query = useInfiniteQuery({
    queryKey: ['cases', filter, orderBy],
    // The rows shown stay until the new order's arrive: the header just chosen keeps the focus.
    placeholderData: keepPreviousData,
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) => (await gql(token, CASES, { filter, after: pageParam, orderBy })).data.cases,
    getNextPageParam: (last) => (last.pageInfo.hasNextPage ? last.pageInfo.endCursor : null),
  });
  const rows = query.data?.pages.flatMap((p) => p.edges.map((e) => e.node)) ?? [];

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    if (draft.phase) next.set('phase', draft.phase);
    const order = params.get('sort');
    if (order) next.set('sort', order);
    setSearch(draft.search.trim(), next);
  }

  return (
    <>
      <PageTitle>{t('cases.title')}</PageTitle>
      <form role="search" className="search" onSubmit={submit} aria-label={t('cases.title')}>
        <div className="field">
          <label htmlFor="case-search">{t('cases.search')}</label>
          <input
            id="case-search"
            type="search"
            value={draft.search}
            onChange={(e) => setDraft({ ...draft, search: e.target.value })}
            aria-describedby="case-search-hint"
            maxLength={100}
          />
          <p id="case-search-hint" className="hint">
            {t('cases.searchHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="case-phase">{t('cases.phase')}</label>
          <select id="case-phase" value={draft.phase} onChange={(e) => setDraft({ ...draft, phase: e.target.value })}>
            <option value="">{t('cases.anyPhase')}</option>
            {PHASES.map((p) => (
              <option key={p} value={p}>
                {t(`phase.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('cases.submit')}</button>
      </form>

      <section aria-labelledby="results-title">
        <h2 id="results-title">{t('cases.results')}</h2>
        {query.isPending && <p role="status">{t('common.loading')}</p>}
        {query.isError && <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />}
        {query.isSuccess && !rows.length && <p role="status">{t('cases.none')}</p>}
        {rows.length > 0 && (
          <CaseTable
            rows={rows}
            columns={['region', 'caseManager']}
            labelledBy="results-title"
            liveCaption
            sort={{ ...sort, onSort: sortBy }}
          />
        )}
        {query.hasNextPage && (
          <button type="button" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
            {query.isFetchingNextPage ? t('common.loading') : t('cases.more')}
          </button>
        )}
      </section>
    </>
  );
}
