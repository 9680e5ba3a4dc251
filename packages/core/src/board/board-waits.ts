// The waiting-times figure: histograms of days to acceptance and to start, per service, for
// integration courses, other services and all; medians and 90th percentiles of shown counts.
import type { StatusBoard, WaitMeasure, WaitScope } from './board-model.js';
import type { ServiceInfo } from './board-funnel.js';
import { histogramQuantile, type HistogramBar } from './percentiles.js';
import type { CellSet, Published } from './suppression.js';

export interface WaitMonthRow {
  month: string;
  service_id: string;
  measure: WaitMeasure;
  days: number[];
  counts: number[];
}

const num = (v: unknown): number => Number(v ?? 0);

/** Histograms summed over the period: per service and measure, and per month for acceptance. */
export function waitRowsOf(waitRowsRaw: readonly WaitMonthRow[]) {
  const waitMap = new Map<string, Map<number, number>>();
  const monthAcceptance = new Map<string, Map<number, number>>();
  const addTo = (m: Map<string, Map<number, number>>, key: string, days: number[], counts: number[]) => {
    const h = m.get(key) ?? new Map<number, number>();
    days.forEach((d, i) => h.set(d, (h.get(d) ?? 0) + num(counts[i])));
    m.set(key, h);
  };
  for (const w of waitRowsRaw) {
    addTo(waitMap, `${w.service_id}|${w.measure}`, w.days, w.counts);
    if (w.measure === 'acceptance') addTo(monthAcceptance, w.month, w.days, w.counts);
  }
  const waitRows = [...waitMap].flatMap(([key, h]) => {
    const [service_id, measure] = key.split('|') as [string, WaitMeasure];
    return [...h].map(([days, referrals]) => ({ service_id, measure, days, referrals }));
  });
  const monthWaitRows = [...monthAcceptance].flatMap(([month, h]) =>
    [...h].map(([days, referrals]) => ({ month, days, referrals })),
  );
  return { waitRows, monthWaitRows };
}

type WaitRow = ReturnType<typeof waitRowsOf>['waitRows'][number];

/** Adds a cell per histogram (its count) and the sums: courses + others = all, services = their group. */
export function waitCells(
  cells: CellSet,
  waitRows: readonly WaitRow[],
  services: ReadonlyMap<string, ServiceInfo>,
  serviceIds: readonly string[],
) {
  const bars = (measure: WaitMeasure, pred: (sid: string) => boolean): HistogramBar[] => {
    const byDay = new Map<number, number>();
    for (const w of waitRows)
      if (w.measure === measure && pred(w.service_id)) byDay.set(w.days, (byDay.get(w.days) ?? 0) + num(w.referrals));
    return [...byDay].map(([days, count]) => ({ days, count }));
  };
  const isCourse = (sid: string) => services.get(sid)?.integrationCourse ?? false;
  const out: { scope: WaitScope; sid: string | null; measure: WaitMeasure; bars: HistogramBar[]; id: number }[] = [];
  for (const measure of ['acceptance', 'start'] as WaitMeasure[]) {
    const mk = (scope: WaitScope, sid: string | null, pred: (s: string) => boolean) => {
      const b = bars(measure, pred);
      const entry = { scope, sid, measure, bars: b, id: cells.add(b.reduce((a, x) => a + x.count, 0)) };
      out.push(entry);
      return entry;
    };
    const all = mk('all', null, () => true);
    const courses = mk('integration-courses', null, isCourse);
    const others = mk('other-services', null, (s) => !isCourse(s));
    const per = serviceIds.map((sid) => mk('service', sid, (s) => s === sid));
    cells.relate([courses.id, others.id, all.id]);
    cells.relate([...per.filter((x) => isCourse(x.sid!)).map((x) => x.id), courses.id]);
    cells.relate([...per.filter((x) => !isCourse(x.sid!)).map((x) => x.id), others.id]);
  }
  return out;
}

/** Waiting times as published: quantiles only of a shown, non-zero count. */
export function publishWaits(
  w: ReturnType<typeof waitCells>,
  services: ReadonlyMap<string, ServiceInfo>,
  pub: (id: number) => Published,
): StatusBoard['waitingTimes'] {
  return w.map((x) => {
    const shown = pub(x.id) !== null && pub(x.id)! > 0;
    return {
      scope: x.scope,
      serviceId: x.sid,
      serviceName: x.sid ? services.get(x.sid)!.serviceName : null,
      measure: x.measure,
      referrals: pub(x.id),
      medianDays: shown ? histogramQuantile(x.bars, 0.5) : null,
      p90Days: shown ? histogramQuantile(x.bars, 0.9) : null,
    };
  });
}
