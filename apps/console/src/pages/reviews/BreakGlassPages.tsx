import { useState, type FormEvent } from 'react';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { gql } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageTitle } from '../../components/PageTitle';
import { ReviewTable } from '../../components/ReviewTable';
import { formatDateTime } from '../../format';
import { useToken } from '../../session';
import { graphql } from '../../gql';
import type { AccessOverrideOrderField } from '../../gql/graphql';
import { orderInput, tableSorting, useUrlSort } from '../../list-url';

/** Break-glass accesses to cases of the coordinator's area, unreviewed first (the hub's order). */
graphql(`
  fragment OverrideFields on AccessOverride {
    id
    caseId
    caseReference
    staffName
    reason
    openedAt
    expiresAt
    reads
    reviewedAt
    reviewNote
    verdict
  }
`);
const PAGE_SIZE = 50;
const OVERRIDES = graphql(`
  query AccessOverridePage($first: Int!, $after: String, $orderBy: AccessOverrideOrderInput) {
    accessOverridePage(first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      unreviewedCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...OverrideFields
        }
      }
    }
  }
`);
const OVERRIDE = graphql(`
  query AccessOverride($ids: [ID!]) {
    accessOverrides(first: 1, ids: $ids) {
      ...OverrideFields
    }
  }
`);
const REVIEW = graphql(`
  mutation ReviewAccessOverride($input: ReviewAccessOverrideInput!) {
    reviewAccessOverride(input: $input) {
      id
      reviewedAt
      verdict
      reviewNote
    }
  }
`);

/** The hub's bound on a review note. */
const NOTE_MAX = 1000;

type Verdict = 'JUSTIFIED' | 'UNJUSTIFIED';

type OverrideSort = 'caseReference' | 'staffName' | 'openedAt' | 'reads';
const ORDER: Record<OverrideSort, AccessOverrideOrderField> = {
  caseReference: 'CASE_REFERENCE',
  staffName: 'STAFF_NAME',
  openedAt: 'OPENED_AT',
  reads: 'READS',
};
const SORTS = Object.keys(ORDER) as OverrideSort[];

/**
 * Unreviewed first, then newest, or sorted by a column header (the order in the URL): paged on
 * the hub; "load more" fetches the next page.
 */
export function BreakGlassPage() {
  const { t, i18n } = useTranslation();
  const token = useToken();
  const { sort, sortBy } = useUrlSort(SORTS, null, (f) => (f === 'openedAt' || f === 'reads' ? 'desc' : 'asc'));
  const orderBy = orderInput(sort, ORDER);
  const list = useInfiniteQuery({
    queryKey: ['accessOverrides', 'pages', orderBy],
    // The rows shown stay until the new order's arrive: the header just chosen keeps the focus.
    placeholderData: keepPreviousData,
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) =>
      (await gql(token, OVERRIDES, { first: PAGE_SIZE, after: pageParam, orderBy })).data.accessOverridePage,
    getNextPageParam: (last) => (last.pageInfo.hasNextPage ? last.pageInfo.endCursor : undefined),
  });
  const rows = list.data?.pages.flatMap((p) => p.edges.map((e) => e.node)) ?? [];
  const counts = list.data?.pages[0];
  return (
    <>
      <PageTitle>{t('review.breakGlass')}</PageTitle>
      <p>{t('review.breakGlassIntro')}</p>
      {counts && rows.length > 0 && (
        <p role="status">
          {t('review.shownOf', { shown: rows.length, total: counts.totalCount })};{' '}
          {t('review.unreviewedCount', { count: counts.unreviewedCount })}
        </p>
      )}
      <ReviewTable
        list={list}
        rows={rows}
        rowKey={(o) => o.id}
        caption={t('watch.caption', { count: rows.length })}
        empty={t('review.none')}
        sorting={tableSorting(sort, sortBy)}
        columns={[
          {
            header: t('review.case'),
            sort: 'caseReference',
            cell: (o) => <Link to={`/cases/${o.caseId}`}>{o.caseReference}</Link>,
          },
          { header: t('review.staff'), sort: 'staffName', cell: (o) => o.staffName },
          { header: t('review.reason'), cell: (o) => o.reason, wrap: true },
          { header: t('review.openedAt'), sort: 'openedAt', cell: (o) => formatDateTime(o.openedAt, i18n.language) },
          { header: t('review.reads'), sort: 'reads', cell: (o) => o.reads, num: true },
          {
            header: t('review.verdict'),
            cell: (o) =>
              o.verdict ? (
                t(o.verdict === 'JUSTIFIED' ? 'review.justified' : 'review.unjustified')
              ) : (
                <Link to={`/reviews/break-glass/${o.id}`}>
                  {t('review.review')}: {o.caseReference}
                </Link>
              ),
          },
        ]}
      />
    </>
  );
}

/** One access: what was read, why, and the four-eyes verdict with a note. */
export function BreakGlassReviewPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const token = useToken();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['accessOverrides', id],
    queryFn: async () => (await gql(token, OVERRIDE, { ids: [id] })).data.accessOverrides,
  });
  const [verdict, setVerdict] = useState<Verdict | ''>('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const review = useMutation({
    mutationFn: async (input: { overrideId: string; verdict: Verdict; note?: string }) =>
      (await gql(token, REVIEW, { input })).data.reviewAccessOverride,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['accessOverrides'] });
      void queryClient.invalidateQueries({ queryKey: ['reviewsWaiting'] });
    },
  });
  const o = list.data?.find((x) => x.id === id);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!verdict) return setProblem(t('review.chooseVerdict'));
    if (verdict === 'UNJUSTIFIED' && !note.trim()) return setProblem(t('review.noteRequired'));
    setProblem(null);
    review.mutate({ overrideId: id, verdict, ...(note.trim() ? { note: note.trim() } : {}) });
  }

  if (review.isSuccess) {
    return (
      <>
        <PageTitle>{t('review.reviewTitle')}</PageTitle>
        <p role="status" className="notice">
          {t('review.reviewed')}
        </p>
        <p>
          <Link to="/reviews/break-glass">{t('review.backToBreakGlass')}</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <PageTitle>{t('review.reviewTitle')}</PageTitle>
      {list.isPending && <p role="status">{t('common.loading')}</p>}
      {list.isError && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && !o && (
        <>
          <p role="status">{t('review.gone')}</p>
          <p>
            <Link to="/reviews/break-glass">{t('review.backToBreakGlass')}</Link>
          </p>
        </>
      )}
      {o && (
        <>
          <dl className="facts">
            <dt>{t('review.case')}</dt>
            <dd>
              <Link to={`/cases/${o.caseId}`}>{o.caseReference}</Link>
            </dd>
            <dt>{t('review.staff')}</dt>
            <dd>{o.staffName}</dd>
            <dt>{t('review.reason')}</dt>
            <dd className="wrap">{o.reason}</dd>
            <dt>{t('review.openedAt')}</dt>
            <dd>{formatDateTime(o.openedAt, i18n.language)}</dd>
            <dt>{t('review.expiresAt')}</dt>
            <dd>{formatDateTime(o.expiresAt, i18n.language)}</dd>
            <dt>{t('review.reads')}</dt>
            <dd>{o.reads}</dd>
            {o.reviewedAt && (
              <>
                <dt>{t('review.reviewedBy')}</dt>
                <dd>
                  {formatDateTime(o.reviewedAt, i18n.language)}:{' '}
                  {t(o.verdict === 'JUSTIFIED' ? 'review.justified' : 'review.unjustified')}
                  {o.reviewNote ? ` – ${o.reviewNote}` : ''}
                </dd>
              </>
            )}
          </dl>
          {!o.reviewedAt && (
            <form onSubmit={submit} noValidate className="decision">
              <fieldset>
                <legend>{t('review.reviewLegend')}</legend>
                {(['JUSTIFIED', 'UNJUSTIFIED'] as const).map((v) => (
                  <label className="choice" key={v}>
                    <input
                      type="radio"
                      name="verdict"
                      value={v}
                      checked={verdict === v}
                      onChange={() => {
                        setVerdict(v);
                        setProblem(null);
                      }}
                    />
                    {t(v === 'JUSTIFIED' ? 'review.justified' : 'review.unjustified')}
                  </label>
                ))}
              </fieldset>
              <div className="field">
                <label htmlFor="review-note">{t('review.note')}</label>
                <textarea
                  id="review-note"
                  value={note}
                  maxLength={NOTE_MAX}
                  rows={4}
                  onChange={(e) => setNote(e.target.value)}
                  aria-describedby="review-note-hint"
                />
                <p id="review-note-hint" className="hint">
                  {t('review.noteHint', { used: note.length, max: NOTE_MAX })}
                </p>
              </div>
              {problem && (
                <p role="alert" className="notice notice-error">
                  {problem}
                </p>
              )}
              {review.isError && <ErrorNotice error={review.error} />}
              <button type="submit" disabled={review.isPending}>
                {review.isPending ? t('review.saving') : t('review.save')}
              </button>
            </form>
          )}
        </>
      )}
    </>
  );
}
