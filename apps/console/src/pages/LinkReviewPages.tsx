import { useState, type FormEvent } from 'react';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { gql } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageTitle } from '../components/PageTitle';
import { ReviewTable } from '../components/ReviewTable';
import { formatDate, formatDateTime, formatNumber } from '../format';
import { useToken } from '../session';
import { graphql } from '../gql';
import type { LinkReviewOrderInput } from '../gql/graphql';
import { orderInput, tableSorting, useUrlSort } from '../list-url';

/**
 * The identity-linkage review queue: pairs of persons the matcher could not decide alone (or
 * may not: across areas, after a shared identifier). The hub decides what the caller sees:
 * values of a person with no case in the caller's area, and every level, weight and score that
 * compares them, come back null and are shown as withheld.
 */
const REVIEWS = graphql(`
  query LinkReviews($first: Int!, $after: String, $id: ID, $orderBy: LinkReviewOrderInput) {
    linkReviewPage(first: $first, after: $after, id: $id, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          personAId
          personBId
          casesA
          casesB
          score
          capped
          source
          status
          createdAt
          evidence {
            field
            level
            weight
            category
            valueA
            valueB
          }
        }
      }
    }
  }
`);
const PAGE_SIZE = 50;
const DECIDE = graphql(`
  mutation DecideLinkReview($input: DecideLinkReviewInput!) {
    decideLinkReview(input: $input) {
      id
      status
      note
      decidedAt
    }
  }
`);

/** The hub's bound on a decision's note. */
export const NOTE_MAX = 1000;

type Decision = 'SAME_PERSON' | 'DIFFERENT_PERSONS';

/** The open queue, paged on the hub (best score first, or `orderBy`); "load more" fetches the next page. */
function useReviewPages(orderBy: LinkReviewOrderInput | null) {
  const token = useToken();
  return useInfiniteQuery({
    queryKey: ['linkReviews', 'pages', orderBy],
    // The rows shown stay until the new order's arrive: the header just chosen keeps the focus.
    placeholderData: keepPreviousData,
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) =>
      (await gql(token, REVIEWS, { first: PAGE_SIZE, after: pageParam, orderBy })).data.linkReviewPage,
    getNextPageParam: (last) => (last.pageInfo.hasNextPage ? last.pageInfo.endCursor : undefined),
  });
}

/** One item, by its id (opened from the list or by its link, wherever it stands in the queue). */
function useReview(id: string) {
  const token = useToken();
  return useQuery({
    queryKey: ['linkReviews', 'one', id],
    queryFn: async () => (await gql(token, REVIEWS, { first: 1, id })).data.linkReviewPage.edges[0]?.node ?? null,
  });
}

type T = (key: string, opts?: Record<string, unknown>) => string;

/** A side's case references, or that the person has none the caller may see. */
function casesOf(cases: string[], t: T): string {
  return cases.length ? cases.join(', ') : t('linkReview.noCaseHere');
}

/** Why the matcher did not link on its own, in the interface language where the hub's reason is known. */
function cappedText(capped: string, t: T): string {
  if (/across areas/.test(capped)) return t('linkReview.capped.acrossAreas');
  if (/another candidate/.test(capped)) return t('linkReview.capped.anotherCandidate');
  if (/same identifier/.test(capped)) return t('linkReview.capped.identifier');
  return t('linkReview.capped.other');
}

/** A comparison level in words; names compared crosswise say so. Unknown levels are shown as the hub names them. */
function levelText(level: string, t: T): string {
  const crosswise = level.endsWith('-crosswise');
  const base = crosswise ? level.slice(0, -'-crosswise'.length) : level;
  const text = t(`linkLevel.${base}`, { defaultValue: base });
  return crosswise ? t('linkReview.crosswise', { level: text }) : text;
}

type ReviewSort = 'score' | 'createdAt';
const ORDER = { score: 'SCORE', createdAt: 'CREATED_AT' } as const;

/** The caller's open review items, best score first, or sorted by a column header (the order in the URL). */
export function LinkReviewsPage() {
  const { t, i18n } = useTranslation();
  const { sort, named, sortBy } = useUrlSort<ReviewSort, { field: ReviewSort; direction: 'desc' }>(
    ['score', 'createdAt'],
    { field: 'score', direction: 'desc' },
    (f) => (f === 'score' ? 'desc' : 'asc'),
  );
  const reviews = useReviewPages(orderInput(named, ORDER));
  const rows = reviews.data?.pages.flatMap((p) => p.edges.map((e) => e.node)).filter((r) => r.status === 'open') ?? [];
  const total = reviews.data?.pages[0]?.totalCount ?? rows.length;
  return (
    <>
      <PageTitle>{t('linkReview.title')}</PageTitle>
      <p>{t('linkReview.intro')}</p>
      <ReviewTable
        list={reviews}
        rows={rows}
        rowKey={(r) => r.id}
        caption={t('linkReview.caption', { count: total })}
        empty={t('linkReview.none')}
        sorting={tableSorting(sort, sortBy)}
        columns={[
          {
            header: t('linkReview.item'),
            cell: (r) => (
              <Link to={`/link-reviews/${r.id}`}>
                {t('linkReview.open', { a: casesOf(r.casesA, t), b: casesOf(r.casesB, t) })}
              </Link>
            ),
          },
          { header: t('linkReview.casesA'), cell: (r) => casesOf(r.casesA, t) },
          { header: t('linkReview.casesB'), cell: (r) => casesOf(r.casesB, t) },
          {
            header: t('linkReview.score'),
            sort: 'score',
            num: true,
            cell: (r) =>
              r.score === null ? (
                <em className="withheld">{t('linkReview.withheld')}</em>
              ) : (
                formatNumber(r.score, i18n.language, 2)
              ),
          },
          {
            header: t('linkReview.source'),
            cell: (r) => t(`linkReview.sources.${r.source}`, { defaultValue: r.source }),
          },
          {
            header: t('linkReview.createdAt'),
            sort: 'createdAt',
            cell: (r) => formatDateTime(r.createdAt, i18n.language),
          },
        ]}
      />
    </>
  );
}

/** One item: both records side by side, field by field, and the decision with a note. */
export function LinkReviewPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const token = useToken();
  const queryClient = useQueryClient();
  const reviews = useReview(id);
  const [decision, setDecision] = useState<Decision | ''>('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const decide = useMutation({
    mutationFn: async (input: { reviewId: string; decision: Decision; note?: string }) =>
      (await gql(token, DECIDE, { input })).data.decideLinkReview,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['linkReviews'] }),
  });
  // Once decided the item leaves the open list: the confirmation stands on its own.
  const decided = decide.data;
  const r = reviews.data?.status === 'open' ? reviews.data : undefined;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!decision) return setProblem(t('linkReview.chooseDecision'));
    if (note.trim().length > NOTE_MAX) return setProblem(t('linkReview.noteTooLong', { max: NOTE_MAX }));
    setProblem(null);
    decide.mutate({ reviewId: id, decision, ...(note.trim() ? { note: note.trim() } : {}) });
  }

  if (decided) {
    return (
      <>
        <PageTitle>{t('linkReview.itemTitle')}</PageTitle>
        <p role="status" className="notice">
          {t(decided.status === 'same-person' ? 'linkReview.decidedSame' : 'linkReview.decidedDifferent')}
        </p>
        <p>
          <Link to="/link-reviews">{t('linkReview.backToList')}</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <PageTitle>{t('linkReview.itemTitle')}</PageTitle>
      {reviews.isPending && <p role="status">{t('common.loading')}</p>}
      {reviews.isError && <ErrorNotice error={reviews.error} onRetry={() => void reviews.refetch()} />}
      {reviews.isSuccess && !r && (
        <>
          <p role="status">{t('linkReview.gone')}</p>
          <p>
            <Link to="/link-reviews">{t('linkReview.backToList')}</Link>
          </p>
        </>
      )}
      {r && (
        <>
          <dl className="facts">
            <dt>{t('linkReview.score')}</dt>
            <dd>
              {r.score === null ? (
                <em className="withheld">{t('linkReview.withheldScore')}</em>
              ) : (
                t('linkReview.bits', { value: formatNumber(r.score, i18n.language, 2) })
              )}
            </dd>
            <dt>{t('linkReview.source')}</dt>
            <dd>{t(`linkReview.sources.${r.source}`, { defaultValue: r.source })}</dd>
            {r.capped && (
              <>
                <dt>{t('linkReview.cappedLabel')}</dt>
                <dd>{cappedText(r.capped, t)}</dd>
              </>
            )}
          </dl>

          <section aria-labelledby="evidence-title">
            <h2 id="evidence-title">{t('linkReview.evidence')}</h2>
            <p className="hint">{t('linkReview.evidenceHint')}</p>
            <div className="table-wrap" role="region" aria-labelledby="evidence-title" tabIndex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('linkReview.field')}</th>
                    <th scope="col">{t('linkReview.personA', { cases: casesOf(r.casesA, t) })}</th>
                    <th scope="col">{t('linkReview.personB', { cases: casesOf(r.casesB, t) })}</th>
                    <th scope="col">{t('linkReview.level')}</th>
                    <th scope="col">{t('linkReview.weight')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.evidence.map((e) => (
                    <tr key={e.field}>
                      <th scope="row">{t(`linkReview.fields.${e.field}`, { defaultValue: e.field })}</th>
                      <td>{valueCell(e.field, e.valueA, t, i18n.language)}</td>
                      <td>{valueCell(e.field, e.valueB, t, i18n.language)}</td>
                      <td>
                        {e.level === null ? (
                          <em className="withheld">{t('linkReview.withheld')}</em>
                        ) : (
                          levelText(e.level, t)
                        )}
                      </td>
                      <td className="num">
                        {e.weight === null ? (
                          <em className="withheld">{t('linkReview.withheld')}</em>
                        ) : (
                          formatNumber(e.weight, i18n.language, 2)
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section aria-labelledby="decision-title">
            <h2 id="decision-title">{t('linkReview.decision')}</h2>
            <form onSubmit={submit} noValidate className="decision">
              <fieldset>
                <legend>{t('linkReview.decisionLegend')}</legend>
                <label className="choice">
                  <input
                    type="radio"
                    name="decision"
                    value="SAME_PERSON"
                    checked={decision === 'SAME_PERSON'}
                    onChange={() => {
                      setDecision('SAME_PERSON');
                      setProblem(null);
                    }}
                  />
                  {t('linkReview.same')}
                </label>
                <label className="choice">
                  <input
                    type="radio"
                    name="decision"
                    value="DIFFERENT_PERSONS"
                    checked={decision === 'DIFFERENT_PERSONS'}
                    onChange={() => {
                      setDecision('DIFFERENT_PERSONS');
                      setProblem(null);
                    }}
                  />
                  {t('linkReview.different')}
                </label>
              </fieldset>
              <div className="field">
                <label htmlFor="decision-note">{t('linkReview.note')}</label>
                <textarea
                  id="decision-note"
                  value={note}
                  maxLength={NOTE_MAX}
                  rows={4}
                  onChange={(e) => setNote(e.target.value)}
                  aria-describedby="decision-note-hint"
                />
                <p id="decision-note-hint" className="hint">
                  {t('linkReview.noteHint', { used: note.length, max: NOTE_MAX })}
                </p>
              </div>
              {problem && (
                <p role="alert" className="notice notice-error">
                  {problem}
                </p>
              )}
              {decide.isError && <ErrorNotice error={decide.error} />}
              <button type="submit" disabled={decide.isPending}>
                {decide.isPending ? t('linkReview.saving') : t('linkReview.submit')}
              </button>
            </form>
          </section>
        </>
      )}
    </>
  );
}

function valueCell(field: string, value: string | null, t: T, lng: string) {
  if (value === null) return <em className="withheld">{t('linkReview.withheldValue')}</em>;
  return valueText(field, value, t, lng);
}

/**
 * A compared value as the matcher quoted it, in the interface language where its form is known:
 * dates with their precision ("1988-01-01 (placeholder)"), sex, and the AZR number the matcher
 * compared ("hub azr:…", "hub (none)"). Anything else is shown as it is.
 */
export function valueText(field: string, value: string, t: T, lng: string): string {
  if (value === '') return t('common.none');
  if (field === 'birthDate') {
    const m = /^(\d{4}(?:-\d{2}-\d{2})?) \(([a-z-]+)\)$/.exec(value);
    if (m) {
      const date = m[1]!.length === 4 ? m[1]! : formatDate(m[1], lng);
      return `${date} (${t(`linkReview.precision.${m[2]}`, { defaultValue: m[2] })})`;
    }
  }
  if (field === 'sex') return t(`linkReview.sex.${value}`, { defaultValue: value });
  if (field === 'identifier') {
    const m = /^hub (?:\(none\)|azr:(.+))$/.exec(value);
    if (m) return m[1] ? t('linkReview.azr', { value: m[1] }) : t('common.none');
  }
  return value;
}
