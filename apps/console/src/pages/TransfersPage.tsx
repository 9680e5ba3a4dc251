import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { gql } from '../api';
import { graphql } from '../gql';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageTitle } from '../components/PageTitle';
import { formatDate } from '../format';
import { useToken } from '../session';

/**
 * Incoming transfers (issue 19 item 5), for coordinators: offers from other Kreise of the hub,
 * with nothing personal until accepted. Accepting assigns one of the coordinator's regional
 * areas and opens the case there; declining asks for a reason the sending Kreis reads.
 */
const INCOMING = graphql(`
  query IncomingTransfers {
    incomingTransfers {
      id
      fromKreis
      categories
      status
      offeredAt
      decidedAt
      declineReason
    }
    intakeRegions {
      id
      name
    }
  }
`);
const ACCEPT = graphql(`
  mutation AcceptTransfer($input: AcceptTransferInput!) {
    acceptTransfer(input: $input) {
      caseId
      caseReference
    }
  }
`);
const DECLINE = graphql(`
  mutation DeclineTransfer($input: DeclineTransferInput!) {
    declineTransfer(input: $input) {
      id
    }
  }
`);

interface Incoming {
  id: string;
  fromKreis: string;
  categories: string[];
  status: 'OFFERED' | 'WITHDRAWN' | 'DECLINED' | 'ACCEPTED';
  offeredAt: string;
  decidedAt: string | null;
  declineReason: string | null;
}

export function TransfersPage() {
  const { t, i18n } = useTranslation();
  const token = useToken();
  const answer = useQuery({
    queryKey: ['incoming-transfers'],
    queryFn: async () => (await gql(token, INCOMING)).data,
  });
  const rows = answer.data?.incomingTransfers ?? [];
  // The case an accepted offer opened stays linked here after the list shows the offer accepted.
  const [opened, setOpened] = useState<Record<string, { caseId: string; caseReference: string }>>({});
  return (
    <>
      <PageTitle>{t('transfers.title')}</PageTitle>
      <p>{t('transfers.intro')}</p>
      {answer.isPending && <p role="status">{t('common.loading')}</p>}
      {answer.isError && <ErrorNotice error={answer.error} onRetry={() => void answer.refetch()} />}
      {answer.isSuccess && rows.length === 0 && <p>{t('transfers.none')}</p>}
      {rows.map((r) => (
        <section key={r.id} aria-labelledby={`transfer-${r.id}`} className="card">
          <h2 id={`transfer-${r.id}`}>
            {t('transfers.from', { kreis: r.fromKreis, date: formatDate(r.offeredAt, i18n.language) })}
          </h2>
          <dl className="facts">
            <dt>{t('transfer.categories')}</dt>
            <dd>{r.categories.map((c) => t(`category.${c}`)).join(', ')}</dd>
            <dt>{t('transfer.state')}</dt>
            <dd>
              {t(`transfer.status.${r.status}`)}
              {r.declineReason && <> – {t('transfer.declineReasonShown', { reason: r.declineReason })}</>}
            </dd>
          </dl>
          {opened[r.id] && (
            <p role="status" className="notice">
              {t('transfers.accepted')} <Link to={`/cases/${opened[r.id]!.caseId}`}>{opened[r.id]!.caseReference}</Link>
            </p>
          )}
          {r.status === 'OFFERED' && (
            <Decide
              offer={r}
              regions={answer.data?.intakeRegions ?? []}
              onAccepted={(c) => setOpened((now) => ({ ...now, [r.id]: c }))}
            />
          )}
        </section>
      ))}
    </>
  );
}

function Decide({
  offer,
  regions,
  onAccepted,
}: {
  offer: Incoming;
  regions: { id: string; name: string }[];
  onAccepted: (c: { caseId: string; caseReference: string }) => void;
}) {
  const { t } = useTranslation();
  const token = useToken();
  const client = useQueryClient();
  const [regionId, setRegionId] = useState('');
  const [reason, setReason] = useState('');
  const accept = useMutation({
    mutationFn: async () =>
      (await gql(token, ACCEPT, { input: { transferId: offer.id, regionId } })).data.acceptTransfer,
    onSuccess: async (c) => {
      onAccepted(c);
      await client.invalidateQueries({ queryKey: ['incoming-transfers'] });
    },
  });
  const decline = useMutation({
    mutationFn: async () => gql(token, DECLINE, { input: { transferId: offer.id, reason } }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['incoming-transfers'] });
    },
  });
  const onAccept = (e: FormEvent) => {
    e.preventDefault();
    accept.mutate();
  };
  const onDecline = (e: FormEvent) => {
    e.preventDefault();
    decline.mutate();
  };
  return (
    <>
      {accept.isError && <ErrorNotice error={accept.error} />}
      {decline.isError && <ErrorNotice error={decline.error} />}
      <form onSubmit={onAccept} aria-label={t('transfers.acceptFrom', { kreis: offer.fromKreis })}>
        <label>
          {t('transfers.region')}
          <select value={regionId} onChange={(e) => setRegionId(e.target.value)} required>
            <option value="">{t('transfer.choose')}</option>
            {regions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={accept.isPending}>
          {t('transfers.accept')}
        </button>
      </form>
      <form onSubmit={onDecline} aria-label={t('transfers.declineFrom', { kreis: offer.fromKreis })}>
        <label>
          {t('transfers.reason')}
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} rows={2} />
        </label>
        <button type="submit" disabled={decline.isPending}>
          {t('transfers.decline')}
        </button>
      </form>
    </>
  );
}
