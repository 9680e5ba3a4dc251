import { useState, type FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { gql } from '../../api';
import { CaseloadHeadline } from '../../components/CaseloadHeadline';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageTitle } from '../../components/PageTitle';
import { ReviewTable } from '../../components/ReviewTable';
import { ReplicaLag } from '../../components/ReplicaLag';
import { formatDateTime, formatNumber } from '../../format';
import { useToken } from '../../session';
import { graphql } from '../../gql';
import { orderInput, tableSorting, useUrlSort } from '../../list-url';

/** The board's caseload figures (suppressed under 5 by the hub). */
const CASELOAD = graphql(`
  query Caseload($orderBy: CaseloadOrderInput) {
    statusBoard {
      areaName
      asOf
      replicaLagSeconds
      openCases
      regions {
        regionId
        name
        capacity
      }
      caseManagers(orderBy: $orderBy) {
        staffId
        name
        regionName
        fte
        capacity
        openCases
        utilisation
      }
    }
  }
`);

type Count = number | null;
type CaseloadSort = 'name' | 'regionName' | 'fte' | 'capacity' | 'openCases' | 'utilisation';
const ORDER = {
  name: 'NAME',
  regionName: 'REGION_NAME',
  fte: 'FTE',
  capacity: 'CAPACITY',
  openCases: 'OPEN_CASES',
  utilisation: 'UTILISATION',
} as const;
const SORTS = Object.keys(ORDER) as CaseloadSort[];
const TEXT: readonly CaseloadSort[] = ['name', 'regionName'];

export function CaseloadPage() {
  const { t, i18n } = useTranslation();
  const token = useToken();
  const lng = i18n.language;
  const [region, setRegion] = useState('');
  const [draft, setDraft] = useState({ region: '' });
  // Most loaded first unless a header says otherwise; the hub sorts (suppressed counts last).
  const { sort, sortBy } = useUrlSort(SORTS, { field: 'utilisation', direction: 'desc' }, (f) =>
    TEXT.includes(f) ? 'asc' : 'desc',
  );
  const orderBy = orderInput(sort, ORDER);
  const load = useQuery({
    queryKey: ['caseload', orderBy],
    // The rows shown stay until the new order's arrive: the header just chosen keeps the focus.
    placeholderData: keepPreviousData,
    queryFn: async () => (await gql(token, CASELOAD, { orderBy })).data.statusBoard,
  });
  const c = load.data;
  const suppressed = t('review.suppressed');
  const n = (v: Count) => (v == null ? suppressed : formatNumber(v, lng));
  const pct = (v: number | null) => (v == null ? suppressed : `${formatNumber(v * 100, lng)} %`);
  const rows = (c?.caseManagers ?? []).filter((m) => !region || m.regionName === region);

  function apply(e: FormEvent) {
    e.preventDefault();
    setRegion(draft.region);
  }
  return (
    <>
      <PageTitle>{t('review.caseload')}</PageTitle>
      <p>{t('review.caseloadIntro')}</p>
      {load.isPending && <p role="status">{t('common.loading')}</p>}
      {load.isError && <ErrorNotice error={load.error} onRetry={() => void load.refetch()} />}
      {c && (
        <>
          <p className="hint">
            {t('review.asOf')}: {c.asOf ? formatDateTime(c.asOf, lng) : t('review.notYet')}
            <ReplicaLag seconds={c.replicaLagSeconds} />
          </p>
          <CaseloadHeadline figures={c} />
          <form className="search" onSubmit={apply} aria-label={t('review.filter')} noValidate>
            <div className="field">
              <label htmlFor="caseload-region">{t('review.region')}</label>
              <select id="caseload-region" value={draft.region} onChange={(e) => setDraft({ region: e.target.value })}>
                <option value="">{t('review.allRegions')}</option>
                {c.regions.map((r) => (
                  <option key={r.regionId} value={r.name}>
                    {r.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">{t('review.filter')}</button>
          </form>
          <ReviewTable
            rows={rows}
            rowKey={(m) => m.staffId}
            caption={t('watch.caption', { count: rows.length })}
            empty={t('review.none')}
            csvFile="fallbelastung.csv"
            sorting={tableSorting(sort, sortBy)}
            columns={[
              { header: t('review.caseManager'), sort: 'name', cell: (m) => m.name, csv: (m) => m.name },
              { header: t('review.region'), sort: 'regionName', cell: (m) => m.regionName, csv: (m) => m.regionName },
              {
                header: t('review.posts'),
                sort: 'fte',
                num: true,
                cell: (m) => formatNumber(m.fte, lng, 2),
                csv: (m) => formatNumber(m.fte, lng, 2),
              },
              {
                header: t('review.capacity'),
                sort: 'capacity',
                num: true,
                cell: (m) => formatNumber(m.capacity, lng),
                csv: (m) => m.capacity,
              },
              {
                header: t('review.openCases'),
                sort: 'openCases',
                num: true,
                cell: (m) => n(m.openCases),
                csv: (m) => m.openCases ?? suppressed,
              },
              {
                header: t('review.utilisation'),
                sort: 'utilisation',
                num: true,
                cell: (m) => (
                  <>
                    {pct(m.utilisation)}
                    {m.utilisation != null && m.utilisation > 1 && <strong> ({t('review.overKey')})</strong>}
                  </>
                ),
                csv: (m) => (m.utilisation == null ? suppressed : `${formatNumber(m.utilisation * 100, lng)} %`),
              },
            ]}
          />
        </>
      )}
    </>
  );
}
