import { useState, type FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { gql } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageTitle } from '../components/PageTitle';
import { WatchTable, statusKey, type WatchItem, type WatchSortField } from '../components/WatchTable';
import type { ReferralWatchOrderField, ReferralWatchOrderInput } from '../gql/graphql';
import { orderInput, useUrlSort } from '../list-url';
import { downloadCsv, toCsv } from '../csv';
import { formatDate } from '../format';
import { useToken } from '../session';
import { graphql } from '../gql';

export type WatchKind = 'overdue' | 'open-loop';
const KIND = { overdue: 'OVERDUE', 'open-loop': 'OPEN_LOOP' } as const;
const PAGE_SIZE = 50;
/** The hub's largest page: a CSV export fetches the list in pages of this size. */
const EXPORT_PAGE = 500;

/** One page of a watch list, paged on the hub; totalCount and byAgency count the whole list. */
export const WATCH = graphql(`
  query ReferralWatch(
    $kind: ReferralWatchKind!
    $first: Int!
    $after: String
    $agencyId: ID
    $newestFirst: Boolean!
    $orderBy: ReferralWatchOrderInput
  ) {
    referralWatch(
      kind: $kind
      first: $first
      after: $after
      agencyId: $agencyId
      newestFirst: $newestFirst
      orderBy: $orderBy
    ) {
      totalCount
      byAgency {
        agencyId
        agencyName
        referrals
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...WatchFields
        }
      }
    }
  }
`);

export interface WatchAnswer {
  totalCount: number;
  byAgency: { agencyId: string; agencyName: string; referrals: number }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: WatchItem }[];
}
interface WatchVars {
  first: number;
  after?: string | null;
  agencyId?: string | null;
  newestFirst?: boolean;
  orderBy?: ReferralWatchOrderInput | null;
}

const ORDER: Record<WatchSortField, ReferralWatchOrderField> = {
  caseReference: 'CASE_REFERENCE',
  agencyName: 'AGENCY_NAME',
  serviceName: 'SERVICE_NAME',
  caseManagerName: 'CASE_MANAGER_NAME',
  deadline: 'DEADLINE',
};
const SORTS = Object.keys(ORDER) as WatchSortField[];

async function fetchWatch(token: string, kind: WatchKind, vars: WatchVars): Promise<WatchAnswer> {
  return (
    await gql(token, WATCH, {
      kind: KIND[kind],
      newestFirst: false,
      ...vars,
    })
  ).data.referralWatch;
}

/** The first page and the counts of a watch list (the overview needs only the counts). */
export function useWatchCounts(kind: WatchKind) {
  const token = useToken();
  return useQuery({ queryKey: ['watch', kind, 'counts'], queryFn: () => fetchWatch(token, kind, { first: 1 }) });
}

/**
 * Overdue referrals or open loops of the coordinator's area: paged on the hub (the cursors of
 * the pages before live in the URL, so back works), filtered by agency, sorted by deadline,
 * and the whole filtered list as CSV.
 */
function WatchPage({ kind }: { kind: WatchKind }) {
  const { t, i18n } = useTranslation();
  const token = useToken();
  const [params, setParams] = useSearchParams();
  const agencyId = params.get('agency') ?? '';
  // By deadline unless a header says otherwise (sort=newest: an older link, the deadline newest first).
  const newestFirst = params.get('sort') === 'newest';
  const { sort, named, sortBy } = useUrlSort(
    SORTS,
    { field: 'deadline', direction: newestFirst ? 'desc' : 'asc' },
    () => 'asc',
  );
  const orderBy = orderInput(named, ORDER);
  const cursors = (params.get('pages') ?? '').split(',').filter(Boolean);
  const after = cursors.at(-1) ?? null;
  const [draft, setDraft] = useState({ agencyId });
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const vars = { agencyId: agencyId || null, newestFirst, orderBy };
  const list = useQuery({
    queryKey: ['watch', kind, vars, after],
    // The rows shown stay until the new order's arrive: the header just chosen keeps the focus.
    placeholderData: keepPreviousData,
    queryFn: () => fetchWatch(token, kind, { ...vars, first: PAGE_SIZE, after }),
  });
  const title = kind === 'overdue' ? t('watch.overdueTitle') : t('watch.openLoopsTitle');
  const data = list.data;

  // The agency filter and the order stay in the URL; a new filter starts at page 1.
  function go(next: { agencyId: string; pages?: string[] }) {
    const p = new URLSearchParams();
    if (next.agencyId) p.set('agency', next.agencyId);
    const order = params.get('sort');
    if (order) p.set('sort', order);
    if (next.pages?.length) p.set('pages', next.pages.join(','));
    setParams(p);
  }
  function apply(e: FormEvent) {
    e.preventDefault();
    go(draft);
  }
  async function exportCsv() {
    setExporting(true);
    setExportError(null);
    try {
      const rows: WatchItem[] = [];
      let cursor: string | null = null;
      do {
        const page = await fetchWatch(token, kind, { ...vars, first: EXPORT_PAGE, after: cursor });
        rows.push(...page.edges.map((e) => e.node));
        cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (cursor);
      const lng = i18n.language;
      downloadCsv(
        kind === 'overdue' ? 'ueberfaellige-vermittlungen.csv' : 'offene-rueckmeldungen.csv',
        toCsv(
          [
            t('watch.case'),
            t('watch.agency'),
            t('watch.service'),
            t('watch.caseManager'),
            t('watch.requestedAt'),
            kind === 'overdue' ? t('watch.overdueSince') : t('watch.status'),
            ...(kind === 'overdue' ? [t('watch.overdueWorkingDays')] : []),
          ],
          rows.map((r) => [
            r.caseReference,
            r.agencyName,
            r.serviceName,
            r.caseManagerName,
            formatDate(r.requestedAt, lng),
            kind === 'overdue' ? formatDate(r.respondBy, lng) : t(`status.${statusKey(r.status)}`),
            ...(kind === 'overdue' ? [r.overdueWorkingDays] : []),
          ]),
        ),
      );
    } catch (e) {
      setExportError(e);
    } finally {
      setExporting(false);
    }
  }

  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>{kind === 'overdue' ? t('watch.overdueIntro') : t('watch.openLoopsIntro')}</p>
      {data && (
        <form className="search" onSubmit={apply} aria-label={t('review.filter')} noValidate>
          <div className="field">
            <label htmlFor="watch-agency">{t('watch.agency')}</label>
            <select id="watch-agency" value={draft.agencyId} onChange={(e) => setDraft({ agencyId: e.target.value })}>
              <option value="">{t('watch.allAgencies')}</option>
              {data.byAgency.map((a) => (
                <option key={a.agencyId} value={a.agencyId}>
                  {a.agencyName} ({a.referrals})
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{t('review.filter')}</button>
        </form>
      )}
      {list.isPending && <p role="status">{t('common.loading')}</p>}
      {list.isError && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
      {data && (
        <>
          <p role="status">
            {t('watch.shown', {
              from: data.edges.length ? cursors.length * PAGE_SIZE + 1 : 0,
              to: cursors.length * PAGE_SIZE + data.edges.length,
              total: data.totalCount,
            })}
          </p>
          <WatchTable
            items={data.edges.map((e) => e.node)}
            kind={kind}
            caption={title}
            sorting={{ sort, onSort: sortBy }}
          />
          <nav aria-label={t('work.paging')} className="paging">
            {cursors.length > 0 && (
              <button type="button" onClick={() => go({ agencyId, pages: cursors.slice(0, -1) })}>
                {t('work.previousPage')}
              </button>
            )}
            {data.pageInfo.hasNextPage && data.pageInfo.endCursor && (
              <button type="button" onClick={() => go({ agencyId, pages: [...cursors, data.pageInfo.endCursor!] })}>
                {t('work.nextPage')}
              </button>
            )}
          </nav>
          {data.totalCount > 0 && (
            <p>
              <button type="button" onClick={() => void exportCsv()} disabled={exporting}>
                {exporting ? t('common.loading') : t('review.exportCsv')}
              </button>
            </p>
          )}
          {exportError !== null && <ErrorNotice error={exportError} />}
        </>
      )}
    </>
  );
}

export const OverduePage = () => <WatchPage kind="overdue" />;
export const OpenLoopsPage = () => <WatchPage kind="open-loop" />;
