import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { BarChartFigure } from '../components/BarChartFigure';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageTitle } from '../components/PageTitle';
import { useWatchCounts, type WatchAnswer } from './WatchPages';

/** Both lists' counts per agency, as the hub counted them over the whole lists. */
function byAgency(overdue: WatchAnswer['byAgency'], loops: WatchAnswer['byAgency']) {
  const rows = new Map<string, { agency: string; overdue: number; openLoops: number }>();
  const row = (id: string, agency: string) =>
    rows.get(id) ?? rows.set(id, { agency, overdue: 0, openLoops: 0 }).get(id)!;
  for (const a of overdue) row(a.agencyId, a.agencyName).overdue += a.referrals;
  for (const a of loops) row(a.agencyId, a.agencyName).openLoops += a.referrals;
  return [...rows.values()].sort(
    (a, b) => b.overdue + b.openLoops - (a.overdue + a.openLoops) || a.agency.localeCompare(b.agency),
  );
}

/** The landing page: what needs the coordinator's attention, counted and by agency. */
export function OverviewPage() {
  const { t } = useTranslation();
  const overdue = useWatchCounts('overdue');
  const loops = useWatchCounts('open-loop');
  const rows = overdue.data && loops.data ? byAgency(overdue.data.byAgency, loops.data.byAgency) : [];
  return (
    <>
      <PageTitle>{t('overview.title')}</PageTitle>
      <p>{t('overview.intro')}</p>
      {(overdue.isPending || loops.isPending) && <p role="status">{t('common.loading')}</p>}
      {overdue.isError && <ErrorNotice error={overdue.error} onRetry={() => void overdue.refetch()} />}
      {loops.isError && <ErrorNotice error={loops.error} onRetry={() => void loops.refetch()} />}
      {overdue.data && loops.data && (
        <>
          <ul className="tiles">
            <li>
              <Link to="/overdue" className="tile">
                <span className="tile-figure">{overdue.data.totalCount}</span> {t('overview.overdueCount')}
              </Link>
            </li>
            <li>
              <Link to="/open-loops" className="tile">
                <span className="tile-figure">{loops.data.totalCount}</span> {t('overview.openLoopCount')}
              </Link>
            </li>
          </ul>
          {rows.length ? (
            <BarChartFigure
              id="by-agency"
              title={t('overview.byAgency')}
              rows={rows}
              category="agency"
              categoryLabel={t('overview.agency')}
              horizontal
              series={[
                { key: 'overdue', label: t('overview.overdueCount'), colour: '#b3261e' },
                { key: 'openLoops', label: t('overview.openLoopCount'), colour: '#1d4e89' },
              ]}
            />
          ) : (
            <p>{t('overview.none')}</p>
          )}
        </>
      )}
    </>
  );
}
