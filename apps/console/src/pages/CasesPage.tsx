import { useState, type FormEvent } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { gql } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageTitle } from '../components/PageTitle';
import { CaseTable } from '../components/CaseTable';
import { useToken } from '../session';
import { graphql } from '../gql';

export const PHASES = ['INTAKE', 'ASSESSMENT', 'PLANNING', 'LINKING', 'MONITORING', 'REASSESSMENT', 'CLOSED'] as const;

/** The phase named in the URL, when it is one (anything else filters nothing). */
export const phaseParam = (value: string | null) => PHASES.find((p) => p === value);

const CASES = graphql(`
  query SearchCases($filter: CaseFilterInput, $after: String) {
    cases(first: 25, filter: $filter, after: $after) {
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

/** Case search by reference or family name (prefix), with the phase as a filter; the URL keeps the search. */
export function CasesPage() {
  const { t } = useTranslation();
  const token = useToken();
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const phase = params.get('phase') ?? '';
  const [draft, setDraft] = useState({ search, phase });

  const phaseFilter = phaseParam(phase);
  const filter = { ...(search ? { search } : {}), ...(phaseFilter ? { phase: phaseFilter } : {}) };
  const query = useInfiniteQuery({
    queryKey: ['cases', filter],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) => (await gql(token, CASES, { filter, after: pageParam })).data.cases,
    getNextPageParam: (last) => (last.pageInfo.hasNextPage ? last.pageInfo.endCursor : null),
  });
  const rows = query.data?.pages.flatMap((p) => p.edges.map((e) => e.node)) ?? [];

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    if (draft.search.trim()) next.set('q', draft.search.trim());
    if (draft.phase) next.set('phase', draft.phase);
    setParams(next);
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
          <CaseTable rows={rows} columns={['region', 'caseManager']} labelledBy="results-title" liveCaption />
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
