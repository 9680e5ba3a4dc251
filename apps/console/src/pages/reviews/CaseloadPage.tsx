import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { gql } from '../../api';
import { CaseloadHeadline } from '../../components/CaseloadHeadline';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageTitle } from '../../components/PageTitle';
import { ReplicaLag } from '../../components/ReplicaLag';
import { downloadCsv, toCsv } from '../../csv';
import { formatDateTime, formatNumber } from '../../format';
import { useToken } from '../../session';
import { graphql } from '../../gql';

/** The board's caseload figures (suppressed under 5 by the hub). */
const CASELOAD = graphql(`
  query Caseload {
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
      caseManagers {
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
type SortKey = 'name' | 'utilisation';

export function CaseloadPage() {
  const { t, i18n } = useTranslation();
  const token = useToken();
  const lng = i18n.language;
  const [region, setRegion] = useState('');
  const [sort, setSort] = useState<SortKey>('utilisation');
  const [draft, setDraft] = useState({ region: '', sort: 'utilisation' as SortKey });
  const load = useQuery({
    queryKey: ['caseload'],
    queryFn: async () => (await gql(token, CASELOAD)).data.statusBoard,
  });
  const c = load.data;
  const suppressed = t('review.suppressed');
  const n = (v: Count) => (v == null ? suppressed : formatNumber(v, lng));
  const pct = (v: number | null) => (v == null ? suppressed : `${formatNumber(v * 100, lng)} %`);
  const rows = (c?.caseManagers ?? [])
    .filter((m) => !region || m.regionName === region)
    .sort((a, b) =>
      sort === 'name'
        ? a.name.localeCompare(b.name, lng)
        : (b.utilisation ?? -1) - (a.utilisation ?? -1) || a.name.localeCompare(b.name, lng),
    );

  function apply(e: FormEvent) {
    e.preventDefault();
    setRegion(draft.region);
    setSort(draft.sort);
  }
  function exportCsv() {
    downloadCsv(
      'fallbelastung.csv',
      toCsv(
        [
          t('review.caseManager'),
          t('review.region'),
          t('review.posts'),
          t('review.capacity'),
          t('review.openCases'),
          t('review.utilisation'),
        ],
        rows.map((m) => [
          m.name,
          m.regionName,
          formatNumber(m.fte, lng, 2),
          m.capacity,
          m.openCases ?? suppressed,
          m.utilisation == null ? suppressed : `${formatNumber(m.utilisation * 100, lng)} %`,
        ]),
      ),
    );
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
              <select
                id="caseload-region"
                value={draft.region}
                onChange={(e) => setDraft({ ...draft, region: e.target.value })}
              >
                <option value="">{t('review.allRegions')}</option>
                {c.regions.map((r) => (
                  <option key={r.regionId} value={r.name}>
                    {r.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="caseload-sort">{t('review.sort')}</label>
              <select
                id="caseload-sort"
                value={draft.sort}
                onChange={(e) => setDraft({ ...draft, sort: e.target.value as SortKey })}
              >
                <option value="utilisation">{t('review.utilisation')}</option>
                <option value="name">{t('review.caseManager')}</option>
              </select>
            </div>
            <button type="submit">{t('review.filter')}</button>
          </form>
          <div className="table-wrap" role="region" aria-labelledby="page-title" tabIndex={0}>
            <table>
              <caption>{t('watch.caption', { count: rows.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('review.caseManager')}</th>
                  <th scope="col">{t('review.region')}</th>
                  <th scope="col">{t('review.posts')}</th>
                  <th scope="col">{t('review.capacity')}</th>
                  <th scope="col">{t('review.openCases')}</th>
                  <th scope="col">{t('review.utilisation')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((m) => (
                  <tr key={m.staffId}>
                    <th scope="row">{m.name}</th>
                    <td>{m.regionName}</td>
                    <td className="num">{formatNumber(m.fte, lng, 2)}</td>
                    <td className="num">{formatNumber(m.capacity, lng)}</td>
                    <td className="num">{n(m.openCases)}</td>
                    <td className="num">
                      {pct(m.utilisation)}
                      {m.utilisation != null && m.utilisation > 1 && <strong> ({t('review.overKey')})</strong>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <button type="button" onClick={exportCsv}>
              {t('review.exportCsv')}
            </button>
          </p>
        </>
      )}
    </>
  );
}
