import { useState, type FormEvent } from 'react';
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { gql } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageTitle } from '../../components/PageTitle';
import { ReviewTable } from '../../components/ReviewTable';
import { formatDateTime } from '../../format';
import { useToken } from '../../session';
import { graphql } from '../../gql';
import type { OutboundMessageOrderField } from '../../gql/graphql';
import { orderInput, tableSorting, useUrlSort } from '../../list-url';

const PAGE = 50;
/** Dead messages of cases in the coordinator's area, newest first, paged on the hub by cursor. */
const DEAD = graphql(`
  query DeadMessages($first: Int!, $after: String, $orderBy: OutboundMessageOrderInput) {
    outboundMessages(state: DEAD, first: $first, after: $after, orderBy: $orderBy) {
      id
      cursor
      eventType
      attempts
      lastError
      createdAt
      replays
      agency {
        name
      }
    }
  }
`);
const REPLAY = graphql(`
  mutation ReplayMessage($id: ID!) {
    replayMessage(id: $id) {
      id
      deliveryState
    }
  }
`);
const DISCARD = graphql(`
  mutation DiscardMessage($id: ID!, $reason: String!) {
    discardMessage(id: $id, reason: $reason) {
      id
      deliveryState
      discardReason
    }
  }
`);

/** The hub's bounds on a discard reason. */
const REASON_MIN = 3;
const REASON_MAX = 500;

interface Message {
  id: string;
  cursor: string;
  eventType: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  replays: number;
  agency: { name: string };
}

type MessageSort = 'agencyName' | 'createdAt' | 'attempts' | 'replays';
const ORDER: Record<MessageSort, OutboundMessageOrderField> = {
  agencyName: 'AGENCY_NAME',
  createdAt: 'CREATED_AT',
  attempts: 'ATTEMPTS',
  replays: 'REPLAYS',
};
const SORTS = Object.keys(ORDER) as MessageSort[];

/** Newest first, or sorted by a column header (the hub sorts; the order in the URL). */
export function DeadMessagesPage() {
  const { t, i18n } = useTranslation();
  const token = useToken();
  const queryClient = useQueryClient();
  const { sort, named, sortBy } = useUrlSort(SORTS, { field: 'createdAt', direction: 'desc' }, (f) =>
    f === 'agencyName' ? 'asc' : 'desc',
  );
  const orderBy = orderInput(named, ORDER);
  const pages = useInfiniteQuery({
    queryKey: ['deadMessages', orderBy],
    // The rows shown stay until the new order's arrive: the header just chosen keeps the focus.
    placeholderData: keepPreviousData,
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) =>
      (await gql(token, DEAD, { first: PAGE, after: pageParam, orderBy })).data.outboundMessages,
    // A full page may have more behind it; the next page starts after its last message.
    getNextPageParam: (last) => (last.length === PAGE ? last[last.length - 1]!.cursor : undefined),
  });
  const [done, setDone] = useState<string | null>(null);
  const [discarding, setDiscarding] = useState<Message | null>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['deadMessages'] });
  const replay = useMutation({
    mutationFn: async (m: Message) => {
      await gql(token, REPLAY, { id: m.id });
      return m;
    },
    onSuccess: (m) => {
      setDone(t('review.replayed', { agency: m.agency.name }));
      refresh();
    },
  });
  const discard = useMutation({
    mutationFn: async (input: { m: Message; reason: string }) => {
      await gql(token, DISCARD, { id: input.m.id, reason: input.reason });
      return input.m;
    },
    onSuccess: (m) => {
      setDone(t('review.discarded', { agency: m.agency.name }));
      setDiscarding(null);
      setReason('');
      refresh();
    },
  });
  const rows = pages.data?.pages.flat() ?? [];

  function submitDiscard(e: FormEvent) {
    e.preventDefault();
    const text = reason.trim();
    if (text.length < REASON_MIN || text.length > REASON_MAX) return setProblem(t('review.reasonLength'));
    setProblem(null);
    if (discarding) discard.mutate({ m: discarding, reason: text });
  }

  return (
    <>
      <PageTitle>{t('review.deadMessages')}</PageTitle>
      <p>{t('review.deadMessagesIntro')}</p>
      {done && (
        <p role="status" className="notice">
          {done}
        </p>
      )}
      {replay.isError && <ErrorNotice error={replay.error} />}
      <ReviewTable
        list={pages}
        rows={rows}
        rowKey={(m) => m.id}
        caption={t('watch.caption', { count: rows.length })}
        empty={t('review.none')}
        sorting={tableSorting(sort, sortBy)}
        columns={[
          { header: t('review.agency'), sort: 'agencyName', cell: (m) => m.agency.name },
          {
            header: t('review.message'),
            cell: (m) => t(`eventType.${m.eventType}`, { defaultValue: t('review.message') }),
          },
          {
            header: t('review.createdAt'),
            sort: 'createdAt',
            cell: (m) => formatDateTime(m.createdAt, i18n.language),
          },
          { header: t('review.attempts'), sort: 'attempts', cell: (m) => m.attempts, num: true },
          { header: t('review.lastError'), cell: (m) => m.lastError ?? t('common.none'), wrap: true },
          { header: t('review.replays'), sort: 'replays', cell: (m) => m.replays, num: true },
          {
            header: t('review.actions'),
            actions: true,
            cell: (m) => (
              <>
                <button
                  type="button"
                  disabled={replay.isPending}
                  aria-label={`${t('review.replay')}: ${m.agency.name}, ${formatDateTime(m.createdAt, i18n.language)}`}
                  onClick={() => replay.mutate(m)}
                >
                  {t('review.replay')}
                </button>{' '}
                <button
                  type="button"
                  aria-label={`${t('review.discard')} ${m.agency.name}, ${formatDateTime(m.createdAt, i18n.language)}`}
                  onClick={() => {
                    setDiscarding(m);
                    setProblem(null);
                  }}
                >
                  {t('review.discard')}
                </button>
              </>
            ),
          },
        ]}
      />
      {discarding && (
        <section aria-labelledby="discard-title">
          <h2 id="discard-title">{t('review.discardTitle', { agency: discarding.agency.name })}</h2>
          <form onSubmit={submitDiscard} noValidate className="decision">
            <div className="field">
              <label htmlFor="discard-reason">{t('review.discardReason')}</label>
              <textarea
                id="discard-reason"
                value={reason}
                maxLength={REASON_MAX}
                rows={3}
                autoFocus
                onChange={(e) => setReason(e.target.value)}
              />
            </div>
            {problem && (
              <p role="alert" className="notice notice-error">
                {problem}
              </p>
            )}
            {discard.isError && <ErrorNotice error={discard.error} />}
            <button type="submit" disabled={discard.isPending}>
              {t('review.discardConfirm')}
            </button>{' '}
            <button type="button" onClick={() => setDiscarding(null)}>
              {t('review.discardCancel')}
            </button>
          </form>
        </section>
      )}
    </>
  );
}
