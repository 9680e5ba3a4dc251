import { Fragment, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
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

/** Barriers and gaps of the coordinator's area (the board's aggregates, suppressed under 5). */
export const BARRIERS = graphql(`
  query Barriers {
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
      flaggedCases {
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

function useBarriers() {
  const token = useToken();
  return useQuery({
    queryKey: ['barriers'],
    queryFn: async () => (await gql(token, BARRIERS)).data.barriers,
  });
}

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
            <div className="table-wrap" role="region" aria-labelledby="needs-title" tabIndex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('review.domain')}</th>
                    <th scope="col">{t('review.openNeeds')}</th>
                    <th scope="col">{t('review.referred')}</th>
                    <th scope="col">{t('review.notReferred')}</th>
                    <th scope="col">{t('review.servicesInNetwork')}</th>
                  </tr>
                </thead>
                <tbody>
                  {b.needs.map((x) => (
                    <tr key={x.domain}>
                      <th scope="row">{t(`domain.${x.domain.toUpperCase()}`)}</th>
                      <td className="num">{n(x.openNeeds)}</td>
                      <td className="num">{n(x.referred)}</td>
                      <td className="num">{n(x.notReferred)}</td>
                      <td className="num">
                        {x.servicesInNetwork === 0 ? <strong>{t('review.gap')}</strong> : x.servicesInNetwork}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section aria-labelledby="reasons-title">
            <h2 id="reasons-title">{t('review.reasons')}</h2>
            {b.rejectionReasons.length ? (
              <div className="table-wrap" role="region" aria-labelledby="reasons-title" tabIndex={0}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('review.reason')}</th>
                      <th scope="col">{t('review.agency')}</th>
                      <th scope="col">{t('review.service')}</th>
                      <th scope="col">{t('review.status')}</th>
                      <th scope="col">{t('review.referrals')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {b.rejectionReasons.map((r, i) => (
                      <tr key={i}>
                        <th scope="row" className="wrap">
                          {r.reason || t('review.noReason')}
                        </th>
                        <td>{r.agencyName}</td>
                        <td>{r.serviceName}</td>
                        <td>{t(`status.${statusKey(r.status)}`)}</td>
                        <td className="num">{n(r.referrals)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p>{t('review.none')}</p>
            )}
          </section>
        </>
      )}
    </>
  );
}

/** Flagged cases of the area: double funding, duplicate certificates, duplicate open cases. */
export function FlagsPage() {
  const { t } = useTranslation();
  const barriers = useBarriers();
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
            columns={[
              {
                header: t('review.case'),
                cell: (f) => <Link to={`/cases/${f.caseId}`}>{f.caseReference}</Link>,
                csv: (f) => f.caseReference,
              },
              {
                header: t('review.kind'),
                cell: (f) => t(`flagKind.${f.kind}`, { defaultValue: f.kind }),
                csv: (f) => t(`flagKind.${f.kind}`, { defaultValue: f.kind }),
              },
              { header: t('review.region'), cell: (f) => f.regionName, csv: (f) => f.regionName },
            ]}
          />
        </>
      )}
    </>
  );
}
