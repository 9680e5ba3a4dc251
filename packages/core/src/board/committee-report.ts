import type { DataSource } from 'typeorm';
import { HUB_TIME_ZONE, StaffRole } from '@kim/contracts';
import { forbidden } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { BoardQueries, type Barriers, type StatusBoard } from './board.js';
import type { MilestoneFigures } from './board-milestones.js';
import { MilestoneQueries } from './milestone-queries.js';
import type { Published } from './suppression.js';

/** The yearly report of the Koordinierende Stelle to the Sozialausschuss and the Integrationsrat. */
export interface CommitteeReport {
  generatedAt: Date;
  board: StatusBoard;
  barriers: Barriers;
  /** Persons per milestone on their path, per month (issue 19). */
  milestones: MilestoneFigures;
}

export class CommitteeReports {
  private readonly board: BoardQueries;
  private readonly milestones: MilestoneQueries;
  constructor(ds: DataSource) {
    this.board = new BoardQueries(ds);
    this.milestones = new MilestoneQueries(ds);
  }

  /** Coordinators only: the report is theirs to give, for the area they supervise. */
  async build(
    p: Principal,
    areaId: string | null | undefined,
    period: { from?: string | null; to?: string | null },
  ): Promise<CommitteeReport> {
    if (p.kind !== 'staff' || p.role !== StaffRole.COORDINATOR) throw forbidden('coordinators only');
    const board = await this.board.statusBoard(p, areaId, period);
    const barriers = await this.board.barriers(p, areaId, period);
    const milestones = await this.milestones.figures(p, areaId, period);
    return { generatedAt: new Date(), board, barriers: { ...barriers, flaggedCases: [] }, milestones };
  }
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const SUPPRESSED = '&lt; 5';
/** A count of persons; marked so that print checks (and tests) can find every one. */
const n = (v: Published) =>
  v === null
    ? `<span class="count suppressed">${SUPPRESSED}</span>`
    : `<span class="count">${v.toLocaleString('de-DE')}</span>`;
const days = (v: number | null) => (v === null ? '—' : `${v}`);
const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100).toLocaleString('de-DE')} %`);
const dateDe = (d: Date) =>
  new Intl.DateTimeFormat('de-DE', { timeZone: HUB_TIME_ZONE, dateStyle: 'long', timeStyle: 'short' }).format(d);
const monthDe = (m: string) =>
  new Intl.DateTimeFormat('de-DE', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${m}-01T00:00:00Z`),
  );

// The console's words for the same things (one term per concept; tests/integration/committee-report.int-spec.ts compares).
const PHASE_DE: Record<string, string> = {
  intake: 'Erstberatung',
  assessment: 'Bestandsaufnahme',
  planning: 'Planung',
  linking: 'Leistungssteuerung',
  monitoring: 'Monitoring',
  reassessment: 'Re-Assessment',
};
const DOMAIN_DE: Record<string, string> = {
  language: 'Sprache',
  work: 'Arbeit',
  education: 'Bildung',
  housing: 'Wohnen',
  health: 'Gesundheit',
  residence: 'Aufenthalt',
  family: 'Familie',
  money: 'Geld und Leistungen',
};
const FLAG_DE: Record<string, string> = {
  'double-funding': 'Doppelförderung (zwei geförderte Leistungen derselben Förderlinie zugleich)',
  'duplicate-course-certificate': 'Doppelter Berechtigungsschein (Integrationskurs)',
  'duplicate-open-case': 'Zweiter offener Fall derselben Person',
};
const MEASURE_DE: Record<string, string> = { acceptance: 'bis zur Annahme', start: 'bis zum Leistungsbeginn' };
/** The milestones' column headers, in the console's words (de.board.milestoneKinds). */
export const MILESTONE_DE: Record<keyof MilestoneFigures['total'], string> = {
  b1Reached: 'Sprachniveau B1 erreicht',
  courseCompleted: 'Integrationskurs abgeschlossen',
  livelihoodSecured: 'Beschäftigung, Lebensunterhalt gesichert',
  naturalised: 'Eingebürgert',
};
const MILESTONE_KEYS = Object.keys(MILESTONE_DE) as (keyof MilestoneFigures['total'])[];

function table(
  head: string[],
  rows: string[][],
  opts: { numericFrom?: number; foot?: string[]; wide?: boolean; keep?: boolean } = {},
): string {
  const from = opts.numericFrom ?? 1;
  const classes = [opts.wide ? 'wide' : '', opts.keep ? 'keep' : ''].filter(Boolean).join(' ');
  const cell = (tag: 'td' | 'th', c: string, i: number) => `<${tag}${i >= from ? ' class="num"' : ''}>${c}</${tag}>`;
  return `<table${classes ? ` class="${classes}"` : ''}><thead><tr>${head.map((h, i) => cell('th', esc(h), i)).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c, i) => cell('td', c, i)).join('')}</tr>`)
    .join(
      '',
    )}</tbody>${opts.foot ? `<tfoot><tr>${opts.foot.map((c, i) => cell('th', c, i)).join('')}</tr></tfoot>` : ''}</table>`;
}

/**
 * A horizontal bar chart as inline SVG: no script, prints as is. Suppressed values get no bar,
 * only the label "< 5", so the chart cannot give away what the table hides.
 */
function barChart(title: string, bars: { label: string; value: Published }[], unit = ''): string {
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  // Each label on a line of its own above its bar, from the left edge: a long name of a service
  // runs to the right across the chart's whole width instead of being cut at a label column.
  const row = 32;
  const barW = 640;
  const width = barW + 90;
  const h = bars.length * row + 6;
  const items = bars
    .map((b, i) => {
      const y = i * row;
      const w = b.value === null ? 0 : Math.round((b.value / max) * barW);
      const text = b.value === null ? '&lt; 5' : `${b.value.toLocaleString('de-DE')}${unit}`;
      return `<text x="0" y="${y + 12}">${esc(b.label)}</text>
<rect x="0" y="${y + 16}" width="${w}" height="12" fill="#2f6f9f"/>
<text x="${w + 4}" y="${y + 27}">${text}</text>`;
    })
    .join('\n');
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(title)}" width="${width}" height="${h}" font-size="11" font-family="sans-serif">${items}</svg><figcaption>${esc(title)}</figcaption></figure>`;
}

/** Read from a replica: how far it was behind the primary (nothing when read from the primary). */
const replicaNote = (lag: number | null) =>
  lag === null ? '' : ` (Replikat, ${Math.round(lag).toLocaleString('de-DE')} s hinter dem Primärsystem)`;

/** German, print-ready HTML: tables and server-side SVG charts, no JavaScript. */
export function renderCommitteeReportHtml(r: CommitteeReport): string {
  const b = r.board;
  const x = r.barriers;
  const period = `${monthDe(b.period.from)} bis ${monthDe(b.period.to)}`;
  const courses = b.waitingTimes.filter((w) => w.scope === 'integration-courses');
  const others = b.waitingTimes.filter((w) => w.scope === 'other-services');
  const perService = b.waitingTimes.filter((w) => w.scope === 'service');
  const ft = b.funnelTotal;
  const ms = r.milestones;
  return `<!doctype html>
<html lang="de"><head><meta charset="utf-8">
<title>Bericht der Koordinierenden Stelle KIM – ${esc(b.areaName)} – ${esc(period)}</title>
<style>
@page { size: A4 landscape; margin: 15mm 15mm 18mm; }
body { font-family: "DejaVu Sans", system-ui, sans-serif; font-size: 10pt; line-height: 1.4; color: #111; max-width: 267mm; margin: 0 auto; }
h1 { font-size: 17pt; margin: 0 0 .3em; } h2 { font-size: 13pt; margin: 1.4em 0 .4em; border-bottom: 1px solid #999; }
h3 { font-size: 11pt; margin: 1em 0 .3em; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; page-break-inside: auto; }
tr { page-break-inside: avoid; } th, td { border: 1px solid #bbb; padding: 2px 5px; text-align: left; vertical-align: top; }
th { background: #eef2f5; hyphens: manual; overflow-wrap: normal; } .num { text-align: right; white-space: nowrap; } thead .num { white-space: normal; } tfoot th { background: #f7f7f7; }
figure { margin: .5em 0 1em; page-break-inside: avoid; } figcaption { font-size: 9pt; color: #444; }
.note { font-size: 9pt; color: #333; background: #f6f6f0; border-left: 3px solid #c9b458; padding: .4em .7em; }
.wide th, .wide td { font-size: 8pt; padding: 1px 3px; } .wide th { white-space: normal; }
td { overflow-wrap: anywhere; } td.num { overflow-wrap: normal; }
.meta td:first-child { width: 45mm; font-weight: bold; }
/* A short table whole on one page: split, Chromium repeats its sum row at the foot of the first part. */
table.keep { page-break-inside: avoid; break-inside: avoid; }
</style></head><body>
<h1>Kommunales Integrationsmanagement (KIM)</h1>
<p>Bericht der Koordinierenden Stelle an den Sozialausschuss und den Integrationsrat</p>
<table class="meta"><tbody>
<tr><td>Gebiet</td><td>${esc(b.areaName)}</td></tr>
<tr><td>Berichtszeitraum</td><td>${esc(period)}</td></tr>
<tr><td>Datenstand</td><td>${b.asOf ? esc(dateDe(b.asOf)) : 'noch nicht berechnet'}${replicaNote(b.replicaLagSeconds)}</td></tr>
<tr><td>Erstellt am</td><td>${esc(dateDe(r.generatedAt))}</td></tr>
</tbody></table>
<p class="note">Datenschutz: Alle Angaben sind Zählungen, keine Einzelfälle. Jede Zahl von 1 bis 4 Personen ist durch „&lt; 5“ ersetzt, ebenso eine weitere Zahl, wo sich sonst eine verdeckte Zahl aus einer Summe errechnen ließe. Fallzahlen sind Stand heute; Vermittlungen und Wartezeiten beziehen sich auf Vermittlungen, die im Berichtszeitraum angefragt wurden.</p>

<h2>1. Fallzahlen und Betreuungsschlüssel</h2>
<p>Offene Fälle im Gebiet: <strong>${n(b.openCases)}</strong>. Der Betreuungsschlüssel beträgt 1:100 (eine Vollzeitstelle je 100 Fälle).</p>
${table(
  ['Regionalbereich', 'Stellen (VZÄ)', 'Kapazität (Fälle)', 'Offene Fälle', 'Auslastung'],
  b.regions.map((g) => [
    esc(g.name),
    g.posts.toLocaleString('de-DE', { minimumFractionDigits: 1 }),
    g.capacity.toLocaleString('de-DE'),
    n(g.openCases),
    pct(g.utilisation),
  ]),
)}
<h3>Offene Fälle nach Phase</h3>
${table(
  ['Phase', ...b.regions.map((g) => g.name), 'Gesamt'],
  b.phases.map((ph, i) => [
    esc(PHASE_DE[ph.phase] ?? ph.phase),
    ...b.regions.map((g) => n(g.byPhase[i]!.cases)),
    n(ph.cases),
  ]),
  { foot: ['Gesamt', ...b.regions.map((g) => n(g.openCases)), n(b.openCases)] },
)}
${barChart(
  'Offene Fälle nach Phase',
  b.phases.map((ph) => ({ label: PHASE_DE[ph.phase] ?? ph.phase, value: ph.cases })),
)}

<h2>2. Vermittlungen nach Stelle und Leistung</h2>
<p>Vermittlungen, die im Berichtszeitraum angefragt wurden, nach ihrem heutigen Stand.</p>
${table(
  [
    'Stelle / Leistung',
    'Angefragt',
    'Ohne Antwort',
    'davon überfällig',
    'Angenommen',
    'In Bearbeitung',
    'Abgeschlossen',
    'Abgelehnt',
    'Gescheitert',
    'Storniert',
  ],
  b.funnel.map((f) => [
    `${esc(f.agencyName)}<br><small>${esc(f.serviceName)}</small>`,
    n(f.requested),
    n(f.awaitingAnswer),
    n(f.overdue),
    n(f.accepted),
    n(f.inProgress),
    n(f.completed),
    n(f.rejected),
    n(f.failed),
    n(f.cancelled),
  ]),
  {
    foot: [
      'Gesamt',
      n(ft.requested),
      n(ft.awaitingAnswer),
      n(ft.overdue),
      n(ft.accepted),
      n(ft.inProgress),
      n(ft.completed),
      n(ft.rejected),
      n(ft.failed),
      n(ft.cancelled),
    ],
    wide: true,
  },
)}

<h2>3. Wartezeiten</h2>
<p>Kalendertage von der Anfrage bis zur Annahme und bis zum Leistungsbeginn: Median (die Hälfte wartete höchstens so lange) und 90. Perzentil (neun von zehn). Integrationskurse sind gesondert ausgewiesen.</p>
${table(
  ['Leistungen', 'Wartezeit', 'Vermittlungen', 'Median (Tage)', '90. Perzentil (Tage)'],
  [
    ...courses.map((w) => ['Integrationskurse', w] as const),
    ...others.map((w) => ['andere Leistungen', w] as const),
    ...perService.map((w) => [w.serviceName ?? '', w] as const),
  ].map(([label, w]) => [
    esc(label),
    esc(MEASURE_DE[w.measure] ?? w.measure),
    n(w.referrals),
    days(w.medianDays),
    days(w.p90Days),
  ]),
  { numericFrom: 2 },
)}
${barChart(
  'Median der Tage bis zur Annahme je Leistung',
  perService
    .filter((w) => w.measure === 'acceptance')
    .map((w) => ({ label: w.serviceName ?? '', value: w.referrals === null ? null : (w.medianDays ?? 0) })),
  ' T.',
)}

<h2>4. Entwicklung nach Monaten</h2>
${table(
  [
    'Monat',
    'Fälle eröffnet',
    'Fälle abgeschlossen',
    'Vermittlungen angefragt',
    'davon abgeschlossen',
    'davon abgelehnt',
    'Median Tage bis zur Annahme',
  ],
  b.trends.map((t) => [
    esc(monthDe(t.month)),
    n(t.casesOpened),
    n(t.casesClosed),
    n(t.referralsRequested),
    n(t.referralsCompleted),
    n(t.referralsRejected),
    days(t.medianDaysToAcceptance),
  ]),
)}
${barChart(
  'Angefragte Vermittlungen je Monat',
  b.trends.map((t) => ({ label: monthDe(t.month), value: t.referralsRequested })),
)}

<h2>5. Hemmnisse und Lücken</h2>
<h3>Gründe für Ablehnungen und Abbrüche</h3>
${
  x.rejectionReasons.length
    ? table(
        ['Stelle / Leistung', 'Status', 'Grund', 'Vermittlungen'],
        x.rejectionReasons.map((g) => [
          `${esc(g.agencyName)}<br><small>${esc(g.serviceName)}</small>`,
          g.status === 'rejected' ? 'abgelehnt' : 'gescheitert',
          g.referrals === null ? '(verdeckt)' : esc(g.reason || 'ohne Angabe'),
          n(g.referrals),
        ]),
        { numericFrom: 3 },
      )
    : '<p>Keine Ablehnungen oder Abbrüche im Berichtszeitraum.</p>'
}
<h3>Bedarfe offener Fälle nach Lebensbereich</h3>
${table(
  ['Lebensbereich', 'Bedarfe', 'mit Vermittlung', 'ohne Vermittlung', 'Leistungen im Netzwerk'],
  x.needs.map((g) => [
    esc(DOMAIN_DE[g.domain] ?? g.domain),
    n(g.openNeeds),
    n(g.referred),
    n(g.notReferred),
    g.servicesInNetwork === 0 ? '<strong>keines</strong>' : String(g.servicesInNetwork),
  ]),
)}
<h3>Doppelförderung, doppelte Berechtigungsscheine, zweite offene Fälle</h3>
${table(
  ['Hinweis', 'Fälle'],
  x.flagCounts.map((f) => [esc(FLAG_DE[f.kind] ?? f.kind), n(f.cases)]),
)}
<p class="note">Eine Person gilt als dieselbe, wenn Personendatensatz oder Name und genaues Geburtsdatum übereinstimmen. Hinweise sind zu prüfen, nicht festgestellte Tatsachen.</p>

<h2 id="meilensteine">6. Meilensteine auf dem Weg der Personen</h2>
<p>Personen, die einen Meilenstein im Monat zum ersten Mal erreicht haben, nach den im Hub erfassten Nachweisen: Sprachzertifikat mindestens auf Niveau B1 (GER), abgeschlossener Integrationskurs, Beschäftigung, die den Lebensunterhalt sichert, Einbürgerung. Jede Person zählt je Meilenstein einmal; die Summe ist die Zahl der Personen im Berichtszeitraum.</p>
${table(
  ['Monat', ...MILESTONE_KEYS.map((k) => MILESTONE_DE[k])],
  ms.months.map((m) => [esc(monthDe(m.month)), ...MILESTONE_KEYS.map((k) => n(m[k]))]),
  { foot: ['Summe', ...MILESTONE_KEYS.map((k) => n(ms.total[k]))], keep: true },
)}
${barChart(
  'Personen je Meilenstein im Berichtszeitraum',
  MILESTONE_KEYS.map((k) => ({ label: MILESTONE_DE[k], value: ms.total[k] })),
)}
</body></html>`;
}
