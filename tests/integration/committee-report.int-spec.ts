/**
 * The committee report as the PDF a coordinator hands to the Sozialausschuss: read back with
 * pdf.js (text with its position on the page, the structure tree), not from the HTML it was
 * printed from. It must fit its pages, be tagged for screen readers, and speak the console's words.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BoardAggregates } from '@kim/core';
import { startTestHub, type TestHub } from '@kim/test-support/hub';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// The console's German catalog, read as the browser gets it (a path in a variable: the tests'
// typecheck does not follow into the console's bundler-style imports).
const CONSOLE_CATALOG = '../../apps/console/src/i18n/de.js';
const { de } = (await import(CONSOLE_CATALOG)) as { de: any };
// A service name as long as real ones get (the course titles of the BAMF are).
const LONG_SERVICE = 'Berufsbezogene Deutschsprachförderung nach § 45a AufenthG, Spezialkurs Gewerbe und Technik';

/** The report's column headers, as the issue names the ones that were cut off and in the console's words. */
const HEADERS = [
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
  'Median Tage bis zur Annahme',
  'Vermittlungen angefragt',
  '90. Perzentil (Tage)',
  'Leistungen im Netzwerk',
];

/**
 * One term per concept: the concepts the issue found named differently in report and console,
 * with where the console's word is. The report must use the console's word, never the old one.
 */
const TERMS: [concept: string, consoleWord: string, oldWords: string[]][] = [
  ['referral', de.board.referrals, ['Verweisung']],
  ['agency', de.board.agency, ['Träger']],
  ['service', de.board.service, ['Angebot']],
  ['accepted', de.board.accepted, ['Zugesagt', 'Zusage']],
  ['in progress', de.board.inProgress, ['Laufend']],
  ['failed', de.board.failed, ['Abgebrochen']],
  ['cancelled', de.status.CANCELLED, ['Zurückgezogen']],
  ['days to acceptance', de.board.measures.acceptance, []],
  ['days to start', de.board.measures.start, ['bis zum Beginn']],
  ['intake phase', de.phase.INTAKE, ['(Intake)']],
  ['planning phase', de.phase.PLANNING, ['Planung / Integrationsvereinbarung']],
  ['money', de.domain.MONEY, ['Existenzsicherung']],
  ['duplicate certificate', de.flagKind['duplicate-course-certificate'], ['Mehrfach ausgestellte']],
];

interface Line {
  page: number;
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

describe('committee report as PDF', () => {
  let hub: TestHub;
  let pdf: Buffer;
  let lines: Line[];
  let pageSizes: { width: number; height: number }[];
  let doc: any;

  beforeAll(async () => {
    hub = await startTestHub('committee_pdf', { persons: 200 });
    // The service Rheine refers to most gets a long name: the funnel's first column and the
    // chart of waiting times must show it whole.
    await hub.db.ds.query(
      `UPDATE services SET name = $1 WHERE id = (
         SELECT f.service_id FROM referrals f JOIN cases c ON c.id = f.case_id JOIN regions r ON r.id = c.region_id
          WHERE r.name = 'Rheine' AND f.accepted_at IS NOT NULL GROUP BY f.service_id ORDER BY count(*) DESC LIMIT 1)`,
      [LONG_SERVICE],
    );
    await new BoardAggregates(hub.db.ds).refresh();
    const res = await fetch(`${hub.url}/reports/committee?format=pdf`, {
      headers: { authorization: `Bearer ${hub.token('coordinator-rheine')}` },
    });
    if (res.status !== 200) throw new Error(`committee report: HTTP ${res.status} ${await res.text()}`);
    pdf = Buffer.from(await res.arrayBuffer());
    mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
    writeFileSync(path.join(ROOT, 'test-results', 'committee-report.pdf'), pdf);
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
    lines = [];
    pageSizes = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const { width, height } = page.getViewport({ scale: 1 });
      pageSizes.push({ width, height });
      const text = await page.getTextContent();
      for (const item of text.items as any[])
        if (item.str?.trim())
          lines.push({
            page: n,
            str: item.str,
            x: item.transform[4],
            y: item.transform[5],
            width: item.width,
            height: item.height,
          });
    }
  }, 180_000);
  afterAll(() => hub?.close());

  it('is landscape A4, and every piece of text lies inside its page', () => {
    expect(pageSizes.length).toBeGreaterThanOrEqual(2);
    for (const p of pageSizes) expect([Math.round(p.width), Math.round(p.height)]).toEqual([842, 595]);
    const outside = lines.filter((l) => {
      const page = pageSizes[l.page - 1]!;
      return l.x < 0 || l.x + l.width > page.width + 0.5 || l.y < 0 || l.y + l.height > page.height + 0.5;
    });
    expect(outside.map((l) => `${l.page}: ${l.str}`)).toEqual([]);
  });

  it('shows every column header whole: each of its words unbroken on the page', () => {
    const words = new Set(lines.flatMap((l) => l.str.split(/\s+/)));
    const missing = HEADERS.flatMap((h) =>
      h
        .split(/\s+/)
        .filter((w) => !words.has(w))
        .map((w) => `${h}: ${w}`),
    );
    expect(missing).toEqual([]);
  });

  it('shows a long service name whole, in the table and as a chart label', () => {
    const text = lines.map((l) => l.str).join('\n');
    // Table cells wrap at spaces; the chart writes the label on one line.
    expect(lines.some((l) => l.str === LONG_SERVICE)).toBe(true);
    const words = new Set(lines.flatMap((l) => l.str.split(/\s+/)));
    expect(LONG_SERVICE.split(/\s+/).filter((w) => !words.has(w))).toEqual([]);
    expect(text).not.toMatch(/Deutschsprach-\n/);
  });

  it('is tagged: marked content, a structure tree with headings, tables and figures, and the language German', async () => {
    expect(await doc.getMarkInfo()).toMatchObject({ Marked: true });
    const roles = new Set<string>();
    const walk = (node: any) => {
      if (node.role) roles.add(node.role);
      for (const c of node.children ?? []) walk(c);
    };
    for (let n = 1; n <= doc.numPages; n++) walk((await (await doc.getPage(n)).getStructTree()) ?? {});
    expect([...roles].filter((r) => ['H1', 'H2', 'Table', 'TH', 'TD', 'Figure'].includes(r)).sort()).toEqual([
      'Figure',
      'H1',
      'H2',
      'TD',
      'TH',
      'Table',
    ]);
    const { info } = await doc.getMetadata();
    expect(info.Language).toBe('de');
    expect(info.Title).toMatch(/^Bericht der Koordinierenden Stelle KIM/);
    expect(pdf.toString('latin1')).toMatch(/\/StructTreeRoot/);
  });

  it.each(TERMS)('calls the %s as the console does (%s)', (_concept, consoleWord, oldWords) => {
    const text = lines
      .map((l) => l.str)
      .join(' ')
      .toLowerCase();
    expect(text).toContain(consoleWord.toLowerCase());
    // An old word at the start of a word ("Träger", not the agency "Sprachkursträger Rheine").
    for (const old of oldWords)
      expect([old, new RegExp(`(?<!\\p{L})${old.replace(/[()]/g, '\\$&')}`, 'iu').test(text)]).toEqual([old, false]);
  });
});
