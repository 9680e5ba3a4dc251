import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { gql } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageTitle } from '../components/PageTitle';
import { CaseTable } from '../components/CaseTable';
import { useSession, useToken } from '../session';
import { PHASES, phaseParam } from './CasesPage';
import { graphql } from '../gql';

const PAGE_SIZE = 20;
const MY_CASES = graphql(`
  query MyCases($filter: CaseFilterInput, $after: String, $first: Int!) {
    cases(first: $first, filter: $filter, after: $after) {
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

/**
 * "Meine Fälle": the caller's own cases, newest first as the hub pages them; the filter and the
 * page (the hub's cursors, one per page) live in the URL so the back button works.
 */
export function MyCasesPage() {
  const { t } = useTranslation();
  const token = useToken();
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const phase = params.get('phase') ?? '';
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
  const query = useQuery({
    queryKey: ['my-cases', filter, after],
    queryFn: async () => (await gql(token, MY_CASES, { filter, after, first: PAGE_SIZE })).data.cases,
  });
  const rows = query.data?.edges.map((e) => e.node) ?? [];

  function go(next: { q?: string; phase?: string; pages?: string[] }) {
    const p = new URLSearchParams();
    if (next.q) p.set('q', next.q);
    if (next.phase) p.set('phase', next.phase);
    if (next.pages?.length) p.set('pages', next.pages.join(','));
    setParams(p);
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    go({ q: draft.search.trim(), phase: draft.phase });
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
          />
        )}
        <nav aria-label={t('work.paging')} className="paging">
          {cursors.length > 0 && (
            <button type="button" onClick={() => go({ q: search, phase, pages: cursors.slice(0, -1) })}>
              {t('work.previousPage')}
            </button>
          )}
          {query.data?.pageInfo.hasNextPage && query.data.pageInfo.endCursor && (
            <button
              type="button"
              onClick={() => go({ q: search, phase, pages: [...cursors, query.data.pageInfo.endCursor!] })}
            >
              {t('work.nextPage')}
            </button>
          )}
        </nav>
      </section>
    </>
  );
}
