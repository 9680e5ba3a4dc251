import { Fragment, useState, type FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { gql } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageTitle } from '../../components/PageTitle';
import { ReviewTable } from '../../components/ReviewTable';
import { ReplicaLag } from '../../components/ReplicaLag';
import { formatDateTime, formatNumber } from '../../format';
import { useToken } from '../../session';
import { statusKey } from '../../components/WatchTable';
import { graphql } from '../../gql';
import type { FlaggedCaseOrderInput } from '../../gql/graphql';
import { orderInput, tableSorting, useUrlSort } from '../../list-url';

/** Barriers and gaps of the coordinator's area (the board's aggregates, suppressed under 5). */
export const BARRIERS = graphql(`
  query Barriers($flagOrder: FlaggedCaseOrderInput) {
    barriers {
      areaName
      asOf
      replicaLagSeconds
      period {
        from
        to
      }
      flagCounts {
        kind
        cases
      }
      flaggedCases(orderBy: $flagOrder) {
        caseId
        caseReference
        kind
        regionName
      }
      needs {
        domain
        openNeeds
        referred
        notReferred
        servicesInNetwork
      }
      rejectionReasons {
        agencyName
        serviceName
        status
        reason
        referrals
      }
    }
  }
`);

type Count = number | null;

function useBarriers(flagOrder: FlaggedCaseOrderInput | null = null) {
  const token = useToken();
  return useQuery({
    queryKey: ['barriers', flagOrder],
    // The rows shown stay until the new order's arrive: the header just chosen keeps the focus.
    placeholderData: keepPreviousData,
    queryFn: async () => (await gql(token, BARRIERS, { flagOrder })).data.barriers,
  });
}

type FlagSort = 'caseReference' | 'kind' | 'regionName';
const FLAG_ORDER = { caseReference: 'CASE_REFERENCE', kind: 'KIND', regionName: 'REGION_NAME' } as const;
const FLAG_SORTS = Object.keys(FLAG_ORDER) as FlagSort[];

function useCount() {
  const { t, i18n } = useTranslation();
  return (v: Count) => (v == null ? t('review.suppressed') : formatNumber(v, i18n.language));
}

function AsOf({ at, lag }: { at: string | null; lag: number | null }) {
  const { t, i18n } = useTranslation();
  return (
    <p className="hint">
      {t('review.asOf')}: {at ? formatDateTime(at, i18n.language) : t('review.notYet')}
      <ReplicaLag seconds={lag} />
    </p>
  );
}

/** Needs by life domain against the network's services, and why agencies said no. */
export function BarriersPage() {
  const { t } = useTranslation();
  const barriers = useBarriers();
  const n = useCount();
  const b = barriers.data;
  return (
    <>
      <PageTitle>{t('review.barriers')}</PageTitle>
      <p>{t('review.barriersIntro')}</p>
      {barriers.isPending && <p role="status">{t('common.loading')}</p>}
      {barriers.isError && <ErrorNotice error={barriers.error} onRetry={() => void barriers.refetch()} />}
      {b && (
        <>
          <AsOf at={b.asOf} lag={b.replicaLagSeconds} />
          <section aria-labelledby="needs-title">
            <h2 id="needs-title">{t('review.needs')}</h2>
            <ReviewTable
              rows={b.needs}
              rowKey={(x) => x.domain}
              labelledBy="needs-title"
              caption={t('watch.caption', { count: b.needs.length })}
              empty={t('review.none')}
              columns={[
                { header: t('review.domain'), cell: (x) => t(`domain.${x.domain.toUpperCase()}`) },
                { header: t('review.openNeeds'), num: true, cell: (x) => n(x.openNeeds) },
                { header: t('review.referred'), num: true, cell: (x) => n(x.referred) },
                { header: t('review.notReferred'), num: true, cell: (x) => n(x.notReferred) },
                {
                  header: t('review.servicesInNetwork'),
                  num: true,
                  cell: (x) => (x.servicesInNetwork === 0 ? <strong>{t('review.gap')}</strong> : x.servicesInNetwork),
                },
              ]}
            />
          </section>
          <section aria-labelledby="reasons-title">
            <h2 id="reasons-title">{t('review.reasons')}</h2>
            <ReviewTable
              rows={b.rejectionReasons}
              rowKey={(r) => [r.reason, r.agencyName, r.serviceName, r.status].join('|')}
              labelledBy="reasons-title"
              caption={t('watch.caption', { count: b.rejectionReasons.length })}
              empty={t('review.none')}
              columns={[
                { header: t('review.reason'), wrap: true, cell: (r) => r.reason || t('review.noReason') },
                { header: t('review.agency'), cell: (r) => r.agencyName },
                { header: t('review.service'), cell: (r) => r.serviceName },
                { header: t('review.status'), cell: (r) => t(`status.${statusKey(r.status)}`) },
                { header: t('review.referrals'), num: true, cell: (r) => n(r.referrals) },
              ]}
            />
          </section>
        </>
      )}
    </>
  );
}

/** Flagged cases of the area: double funding, duplicate certificates, duplicate open cases. */
export function FlagsPage() {
  const { t } = useTranslation();
  const { sort, named, sortBy } = useUrlSort(FLAG_SORTS, { field: 'kind', direction: 'asc' });
  const barriers = useBarriers(orderInput(named, FLAG_ORDER));
  const n = useCount();
  const [kind, setKind] = useState('');
  const [draft, setDraft] = useState('');
  const b = barriers.data;
  const rows = (b?.flaggedCases ?? []).filter((f) => !kind || f.kind === kind);
  const kinds = b?.flagCounts.map((f) => f.kind) ?? [];

  function apply(e: FormEvent) {
    e.preventDefault();
    setKind(draft);
  }
  return (
    <>
      <PageTitle>{t('review.flags')}</PageTitle>
      <p>{t('review.flagsIntro')}</p>
      {barriers.isPending && <p role="status">{t('common.loading')}</p>}
      {barriers.isError && <ErrorNotice error={barriers.error} onRetry={() => void barriers.refetch()} />}
      {b && (
        <>
          <AsOf at={b.asOf} lag={b.replicaLagSeconds} />
          <dl className="facts">
            {b.flagCounts.map((f) => (
              <Fragment key={f.kind}>
                <dt>{t(`flagKind.${f.kind}`, { defaultValue: f.kind })}</dt>
                <dd>{n(f.cases)}</dd>
              </Fragment>
            ))}
          </dl>
          <form className="search" onSubmit={apply} aria-label={t('review.filter')} noValidate>
            <div className="field">
              <label htmlFor="flag-kind">{t('review.kind')}</label>
              <select id="flag-kind" value={draft} onChange={(e) => setDraft(e.target.value)}>
                <option value="">{t('review.allKinds')}</option>
                {kinds.map((k) => (
                  <option key={k} value={k}>
                    {t(`flagKind.${k}`, { defaultValue: k })}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">{t('review.filter')}</button>
          </form>
          <ReviewTable
            rows={rows}
            rowKey={(f) => `${f.kind}|${f.caseId}`}
            caption={t('watch.caption', { count: rows.length })}
            empty={t('review.none')}
            csvFile="auffaellige-faelle.csv"
            sorting={tableSorting(sort, sortBy)}
            columns={[
              {
                header: t('review.case'),
                sort: 'caseReference',
                cell: (f) => <Link to={`/cases/${f.caseId}`}>{f.caseReference}</Link>,
                csv: (f) => f.caseReference,
              },
              {
                header: t('review.kind'),
                sort: 'kind',
                cell: (f) => t(`flagKind.${f.kind}`, { defaultValue: f.kind }),
                csv: (f) => t(`flagKind.${f.kind}`, { defaultValue: f.kind }),
              },
              { header: t('review.region'), sort: 'regionName', cell: (f) => f.regionName, csv: (f) => f.regionName },
            ]}
          />
        </>
      )}
    </>
  );
}
