import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, gql } from '../api';
import { BarChartFigure } from '../components/BarChartFigure';
import { CaseloadHeadline } from '../components/CaseloadHeadline';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageTitle } from '../components/PageTitle';
import { ReplicaLag } from '../components/ReplicaLag';
import { ReportDownload } from '../components/ReportDownload';
import { formatDateTime, formatNumber } from '../format';
import { useToken } from '../session';
import { graphql } from '../gql';

/**
 * The status board of the coordinator's area, after the board backend's StatusBoard type
 * (issue 5). Null counts are suppressed by the hub (under 5 persons) and say so.
 */
export const STATUS_BOARD = graphql(`
  query StatusBoard($period: BoardPeriodInput) {
    statusBoard(period: $period) {
      areaName
      asOf
      replicaLagSeconds
      openCases
      suppressionThreshold
      period {
        from
        to
      }
      phases {
        phase
        cases
      }
      regions {
        regionId
        name
        posts
        caseloadKey
        capacity
        openCases
        utilisation
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
      funnelTotal {
        requested
        awaitingAnswer
        overdue
        accepted
        inProgress
        completed
        rejected
        failed
        openLoops
      }
      funnel {
        agencyId
        agencyName
        serviceId
        serviceName
        integrationCourse
        requested
        awaitingAnswer
        overdue
        accepted
        inProgress
        completed
        rejected
        failed
        openLoops
      }
      waitingTimes {
        measure
        scope
        serviceName
        medianDays
        p90Days
        referrals
      }
      trends {
        month
        casesOpened
        casesClosed
        referralsRequested
      }
      rejectionReasons {
        agencyName
        serviceName
        status
        reason
        referrals
      }
      milestones {
        months {
          month
          b1Reached
          courseCompleted
          livelihoodSecured
          naturalised
        }
        total {
          b1Reached
          courseCompleted
          livelihoodSecured
          naturalised
        }
      }
    }
  }
`);

type Count = number | null;
const FUNNEL_KEYS = [
  'requested',
  'awaitingAnswer',
  'overdue',
  'accepted',
  'inProgress',
  'completed',
  'rejected',
  'failed',
  'openLoops',
] as const;
type Funnel = Record<(typeof FUNNEL_KEYS)[number], Count>;
/** Milestones on the persons' path (issue 19), in the order the board and the report show them. */
const MILESTONE_KEYS = ['b1Reached', 'courseCompleted', 'livelihoodSecured', 'naturalised'] as const;
type MilestoneCounts = Record<(typeof MILESTONE_KEYS)[number], Count>;
const MILESTONE_COLOURS = ['#1d4e89', '#2e6b30', '#8a4b00', '#6b2e6b'];

interface StatusBoard {
  areaName: string;
  asOf: string | null;
  replicaLagSeconds: number | null;
  openCases: Count;
  suppressionThreshold: number;
  period: { from: string; to: string };
  phases: { phase: string; cases: Count }[];
  regions: {
    regionId: string;
    name: string;
    posts: number;
    caseloadKey: number;
    capacity: number;
    openCases: Count;
    utilisation: number | null;
  }[];
  caseManagers: {
    staffId: string;
    name: string;
    regionName: string;
    fte: number;
    capacity: number;
    openCases: Count;
    utilisation: number | null;
  }[];
  funnelTotal: Funnel;
  funnel: (Funnel & {
    agencyId: string;
    agencyName: string;
    serviceId: string;
    serviceName: string;
    integrationCourse: boolean;
  })[];
  waitingTimes: {
    measure: string;
    scope: string;
    serviceName: string | null;
    medianDays: Count;
    p90Days: Count;
    referrals: Count;
  }[];
  trends: { month: string; casesOpened: Count; casesClosed: Count; referralsRequested: Count }[];
  rejectionReasons: { agencyName: string; serviceName: string; status: string; reason: string; referrals: Count }[];
  milestones: { months: (MilestoneCounts & { month: string })[]; total: MilestoneCounts };
}

/**
 * The board answers whole calendar years only (overlapping periods would give suppressed counts
 * away by subtraction, docs/board.md): the picker offers the current year and the five before.
 */
const YEARS = Array.from({ length: 6 }, (_, i) => new Date().getFullYear() - i);
const yearPeriod = (year: number) => ({ from: `${year}-01`, to: `${year}-12` });

export function BoardPage() {
  const { t, i18n } = useTranslation();
  const token = useToken();
  const [year, setYear] = useState<number | null>(null);
  const [draft, setDraft] = useState<number | null>(null);

  const board = useQuery({
    queryKey: ['statusBoard', year],
    queryFn: async () =>
      (
        await gql(token, STATUS_BOARD, {
          period: year === null ? undefined : yearPeriod(year),
        })
      ).data.statusBoard,
  });
  const b = board.data;
  const lng = i18n.language;
  const suppressed = t('board.suppressed');
  const n = (v: Count) => (v == null ? suppressed : formatNumber(v, lng));
  const pct = (v: number | null) => (v == null ? suppressed : `${formatNumber(v * 100, lng)} %`);
  const shownYear = b ? Number(b.period.from.slice(0, 4)) : (YEARS[0] ?? new Date().getFullYear());

  function apply(e: FormEvent) {
    e.preventDefault();
    setYear(draft ?? shownYear);
  }

  // An older hub without the board answers with a validation error: say so plainly.
  const missing = board.error instanceof ApiError && board.error.code === 'GRAPHQL_VALIDATION_FAILED';

  return (
    <>
      <PageTitle>{t('board.title')}</PageTitle>
      {board.isPending && <p role="status">{t('common.loading')}</p>}
      {missing && <p className="notice">{t('board.unavailable')}</p>}
      {board.isError && !missing && <ErrorNotice error={board.error} onRetry={() => void board.refetch()} />}
      {b && (
        <>
          <dl className="facts">
            <dt>{t('board.area')}</dt>
            <dd>{b.areaName}</dd>
            <dt>{t('board.period')}</dt>
            <dd>
              {b.period.from} – {b.period.to}
            </dd>
            <dt>{t('board.openCases')}</dt>
            <dd>{n(b.openCases)}</dd>
            <dt>{t('board.asOf')}</dt>
            <dd>
              {b.asOf ? formatDateTime(b.asOf, lng) : t('board.notYet')}
              <ReplicaLag seconds={b.replicaLagSeconds} />
            </dd>
          </dl>
          <p className="hint">{t('board.suppressionNote', { threshold: b.suppressionThreshold })}</p>
          <CaseloadHeadline figures={b} />

          <form className="search" onSubmit={apply} aria-label={t('board.period')} noValidate>
            <div className="field">
              <label htmlFor="period-year">{t('board.year')}</label>
              <select
                id="period-year"
                value={draft ?? shownYear}
                onChange={(e) => setDraft(Number(e.target.value))}
                aria-describedby="period-year-hint"
              >
                {YEARS.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">{t('board.apply')}</button>
          </form>
          <p id="period-year-hint" className="hint">
            {t('board.yearHint')}
          </p>

          <CommitteeReport token={token} from={b.period.from} to={b.period.to} />

          <BarChartFigure
            id="phases"
            title={t('board.casesByPhase')}
            rows={b.phases.map((p) => ({ phase: t(`phase.${p.phase.toUpperCase()}`), cases: p.cases }))}
            category="phase"
            categoryLabel={t('board.phase')}
            series={[{ key: 'cases', label: t('board.cases'), colour: '#1d4e89' }]}
            nullLabel={suppressed}
          />

          <BarChartFigure
            id="caseload"
            title={t('board.caseload')}
            rows={b.regions.map((r) => ({ region: r.name, openCases: r.openCases, capacity: r.capacity }))}
            category="region"
            categoryLabel={t('board.region')}
            series={[
              { key: 'openCases', label: t('board.openCases'), colour: '#1d4e89' },
              { key: 'capacity', label: t('board.capacity'), colour: '#6b6b76' },
            ]}
            nullLabel={suppressed}
          />

          <section aria-labelledby="cm-title">
            <h2 id="cm-title">{t('board.caseManagers')}</h2>
            <div className="table-wrap" role="region" aria-labelledby="cm-title" tabIndex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('board.name')}</th>
                    <th scope="col">{t('board.region')}</th>
                    <th scope="col">{t('board.posts')}</th>
                    <th scope="col">{t('board.capacity')}</th>
                    <th scope="col">{t('board.openCases')}</th>
                    <th scope="col">{t('board.utilisation')}</th>
                  </tr>
                </thead>
                <tbody>
                  {b.caseManagers.map((m) => (
                    <tr key={m.staffId}>
                      <th scope="row">{m.name}</th>
                      <td>{m.regionName}</td>
                      <td className="num">{formatNumber(m.fte, lng, 2)}</td>
                      <td className="num">{formatNumber(m.capacity, lng)}</td>
                      <td className="num">{n(m.openCases)}</td>
                      <td className="num">{pct(m.utilisation)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <BarChartFigure
            id="funnel-chart"
            title={t('board.funnelChart')}
            rows={aggregateByAgency(b.funnel)}
            category="agency"
            categoryLabel={t('board.agency')}
            horizontal
            series={[
              { key: 'requested', label: t('board.requested'), colour: '#1d4e89' },
              { key: 'completed', label: t('board.completed'), colour: '#2e6b30' },
              { key: 'rejected', label: t('board.rejected'), colour: '#8a4b00' },
              { key: 'overdue', label: t('board.overdue'), colour: '#b3261e' },
            ]}
            nullLabel={suppressed}
          />

          <section aria-labelledby="funnel-title">
            <h2 id="funnel-title">{t('board.funnel')}</h2>
            <div className="table-wrap" role="region" aria-labelledby="funnel-title" tabIndex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('board.agency')}</th>
                    <th scope="col">{t('board.service')}</th>
                    {FUNNEL_KEYS.map((k) => (
                      <th scope="col" key={k}>
                        {t(`board.${k}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {b.funnel.map((f) => (
                    <tr key={f.serviceId}>
                      <th scope="row">{f.agencyName}</th>
                      <td>
                        {f.serviceName}
                        {f.integrationCourse && <> ({t('board.course')})</>}
                      </td>
                      {FUNNEL_KEYS.map((k) => (
                        <td className="num" key={k}>
                          {n(f[k])}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={2}>
                      {t('board.total')}
                    </th>
                    {FUNNEL_KEYS.map((k) => (
                      <td className="num" key={k}>
                        {n(b.funnelTotal[k])}
                      </td>
                    ))}
                  </tr>
                </tfoot>
              </table>
            </div>
          </section>

          <BarChartFigure
            id="waiting"
            title={t('board.waiting')}
            rows={b.waitingTimes
              .filter((w) => w.scope !== 'service')
              .map((w) => ({
                what: `${t(`board.scopes.${w.scope}`, { defaultValue: w.scope })}, ${t(`board.measures.${w.measure}`, { defaultValue: w.measure })}`,
                median: w.medianDays,
                p90: w.p90Days,
                referrals: w.referrals,
              }))}
            category="what"
            categoryLabel={t('board.scope')}
            horizontal
            series={[
              { key: 'median', label: t('board.median'), colour: '#1d4e89' },
              { key: 'p90', label: t('board.p90'), colour: '#8a4b00' },
              { key: 'referrals', label: t('board.referrals'), colour: '#6b6b76' },
            ]}
            nullLabel={suppressed}
          />

          <BarChartFigure
            id="trends"
            title={t('board.trends')}
            rows={b.trends.map((m) => ({
              month: m.month,
              casesOpened: m.casesOpened,
              casesClosed: m.casesClosed,
              referralsRequested: m.referralsRequested,
            }))}
            category="month"
            categoryLabel={t('board.month')}
            series={[
              { key: 'casesOpened', label: t('board.casesOpened'), colour: '#1d4e89' },
              { key: 'casesClosed', label: t('board.casesClosed'), colour: '#2e6b30' },
              { key: 'referralsRequested', label: t('board.referralsRequested'), colour: '#8a4b00' },
            ]}
            nullLabel={suppressed}
          />

          <Milestones figures={b.milestones} n={n} suppressed={suppressed} />

          <section aria-labelledby="reasons-title">
            <h2 id="reasons-title">{t('board.reasons')}</h2>
            <div className="table-wrap" role="region" aria-labelledby="reasons-title" tabIndex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('board.agency')}</th>
                    <th scope="col">{t('board.service')}</th>
                    <th scope="col">{t('board.status')}</th>
                    <th scope="col">{t('board.reason')}</th>
                    <th scope="col">{t('board.referrals')}</th>
                  </tr>
                </thead>
                <tbody>
                  {b.rejectionReasons.map((r, i) => (
                    <tr key={i}>
                      <th scope="row">{r.agencyName}</th>
                      <td>{r.serviceName}</td>
                      <td>{t(`status.${r.status.toUpperCase()}`, { defaultValue: r.status })}</td>
                      <td>{r.reason || t('board.noReason')}</td>
                      <td className="num">{n(r.referrals)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </>
  );
}

/**
 * Persons per milestone and month: the chart with its table (BarChartFigure), and the period's
 * totals, which are not the sum of what is shown where a month is suppressed.
 */
function Milestones({
  figures,
  n,
  suppressed,
}: {
  figures: StatusBoard['milestones'];
  n: (v: Count) => string;
  suppressed: string;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="milestones-title">
      <h2 id="milestones-title">{t('board.milestones')}</h2>
      <p className="hint">{t('board.milestonesIntro')}</p>
      <BarChartFigure
        id="milestones-chart"
        title={t('board.milestones')}
        rows={figures.months}
        category="month"
        categoryLabel={t('board.month')}
        series={MILESTONE_KEYS.map((k, i) => ({
          key: k,
          label: t(`board.milestoneKinds.${k}`),
          colour: MILESTONE_COLOURS[i]!,
        }))}
        nullLabel={suppressed}
      />
      <div className="table-wrap" role="region" aria-labelledby="milestones-total-title" tabIndex={0}>
        <table>
          <caption id="milestones-total-title">{t('board.milestonesTotal')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('board.milestone')}</th>
              <th scope="col">{t('board.persons')}</th>
            </tr>
          </thead>
          <tbody>
            {MILESTONE_KEYS.map((k) => (
              <tr key={k}>
                <th scope="row">{t(`board.milestoneKinds.${k}`)}</th>
                <td className="num">{n(figures.total[k])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The chart shows agencies; the table below it keeps every service. Suppressed cells count as unknown, not 0. */
function aggregateByAgency(funnel: StatusBoard['funnel']) {
  const rows = new Map<string, Record<string, string | number | null>>();
  for (const f of funnel) {
    const row = rows.get(f.agencyId) ?? { agency: f.agencyName, requested: 0, completed: 0, rejected: 0, overdue: 0 };
    for (const k of ['requested', 'completed', 'rejected', 'overdue'] as const) {
      const have = row[k];
      row[k] = have == null || f[k] == null ? null : Number(have) + f[k];
    }
    rows.set(f.agencyId, row);
  }
  return [...rows.values()];
}

function CommitteeReport({ token, from, to }: { token: string; from: string; to: string }) {
  const { t } = useTranslation();
  const choice = (format: 'html' | 'pdf', label: string) => ({
    label,
    path: `/reports/committee?${new URLSearchParams({ from, to, format }).toString()}`,
    file: `kim-bericht-${from}-${to}.${format}`,
  });
  return (
    <ReportDownload
      id="report-title"
      title={t('board.report')}
      intro={t('board.reportIntro')}
      token={token}
      choices={[choice('html', t('board.downloadHtml')), choice('pdf', t('board.downloadPdf'))]}
      downloaded={(f) => t('board.downloaded', { file: f })}
    />
  );
}
