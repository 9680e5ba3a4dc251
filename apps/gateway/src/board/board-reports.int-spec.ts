import { BoardAggregates } from '@kim/core';
import { startTestHub, type TestHub } from '@kim/test-support/hub';

describe('committee report and typical-case export', () => {
  let hub: TestHub;
  let failedTruth: number;
  let serviceName: string;
  const REASON = 'Teilnehmerin Zeynep K. nicht erschienen';

  beforeAll(async () => {
    hub = await startTestHub('board_reports', { persons: 300 });
    // Two referrals of Rheine to one service break off, with a reason that names someone: a small cell.
    const [pick] = await hub.db.ds.query(
      `SELECT s.code, s.name, (array_agg(f.id ORDER BY f.id))[1:2] AS ids FROM referrals f
         JOIN cases c ON c.id = f.case_id JOIN regions r ON r.id = c.region_id JOIN services s ON s.id = f.service_id
        WHERE r.name = 'Rheine' AND f.requested_at > now() - interval '300 days' AND f.requested_at < now()
        GROUP BY s.code, s.name ORDER BY count(*) DESC LIMIT 1`,
    );
    serviceName = pick.name;
    await hub.db.ds.query(`UPDATE referrals SET status = 'failed', status_reason = $2 WHERE id = ANY($1::uuid[])`, [
      pick.ids,
      REASON,
    ]);
    const [t] = await hub.db.ds.query(
      `SELECT count(*)::int AS n FROM referrals f JOIN cases c ON c.id = f.case_id JOIN regions r ON r.id = c.region_id
        JOIN services s ON s.id = f.service_id WHERE r.name = 'Rheine' AND s.code = $1 AND f.status = 'failed'`,
      [pick.code],
    );
    failedTruth = t.n;
    await new BoardAggregates(hub.db.ds).refresh();
  });
  afterAll(() => hub.close());

  const get = (path: string, token?: string) =>
    fetch(`${hub.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('renders a German, print-ready report in which a suppressed cell never shows its number', async () => {
    const res = await get('/reports/committee', hub.token('coordinator-rheine'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('Sozialausschuss');
    expect(html).toContain('Stadt Rheine');
    expect(html).toMatch(/<svg[^>]*role="img"/);
    expect(html).not.toMatch(/<script/i);
    expect(failedTruth).toBeGreaterThan(0);
    expect(failedTruth).toBeLessThan(5);
    const row = html.split('<tr>').find((r) => r.includes(serviceName))!;
    const cells = [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
    // Columns: service, sent, no answer, overdue, accepted, running, completed, rejected, failed, cancelled.
    expect(cells[8]).toBe('<span class="count suppressed">&lt; 5</span>');
    expect(cells).not.toContain(`<span class="count">${failedTruth}</span>`);
    // The reason is free text that names a person: hidden with its count.
    expect(html).not.toContain('Zeynep');
    // Nothing from 1 to 4 in a count column of any table.
    const counts = [...html.matchAll(/<span class="count">([\d.]+)<\/span>/g)].map((m) =>
      Number(m[1]!.replace('.', '')),
    );
    expect(counts.length).toBeGreaterThan(50);
    expect(counts.filter((x) => x > 0 && x < 5)).toEqual([]);
    expect(html).not.toContain('Kreis Steinfurt</td>');
  });

  it('prints the report to a PDF with pages', async () => {
    const res = await get('/reports/committee?format=pdf', hub.token('coordinator-rheine'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('is for coordinators of the area only, and refuses bad input', async () => {
    expect((await get('/reports/committee')).status).toBe(401);
    expect((await get('/reports/committee', hub.token('cm-rheine-1'))).status).toBe(403);
    expect((await get('/reports/committee', hub.token('operator'))).status).toBe(403);
    const board = await hub.gql(hub.token('coordinator-rheine'), `{ statusBoard { areaId } }`);
    const cross = await get(`/reports/committee?area=${board.data.statusBoard.areaId}`, hub.token('coordinator-kreis'));
    expect(cross.status).toBe(403);
    const bad = await get('/reports/committee?from=2026-13', hub.token('coordinator-rheine'));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { problems: { path: string }[] }).problems[0]!.path).toBe('period.from');
    expect((await get('/reports/committee?format=docx', hub.token('coordinator-rheine'))).status).toBe(400);
  });

  it('exports a typical case without direct identifiers or dates, counted from the opening, and records it', async () => {
    const [c] = await hub.db.ds.query(
      `SELECT c.id, c.reference, p.given_names, p.family_name, p.birth_date::text AS birth, p.arrival_date::text AS arrival
         FROM cases c JOIN regions r ON r.id = c.region_id JOIN persons p ON p.id = c.person_id
        WHERE r.name = 'Rheine' AND EXISTS (SELECT 1 FROM referrals f WHERE f.case_id = c.id AND f.accepted_at IS NOT NULL) LIMIT 1`,
    );
    const ledger = async () =>
      (await hub.db.ds.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'report.typical-case'`))[0].n;
    const before = await ledger();
    const res = await get(`/reports/typical-case/${c.id}`, hub.token('coordinator-rheine'));
    expect(res.status).toBe(200);
    const text = await res.text();
    const out = JSON.parse(text);
    expect(out.format).toBe('kim-hub/typical-case/v2');
    expect(out.dayZero).toBe('case-opened');
    for (const secret of [c.id, c.reference, c.given_names, c.family_name, c.birth, c.arrival])
      expect(text).not.toContain(secret);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(out.openedDay).toBe(0);
    expect(out.timeline[0]).toMatchObject({ kind: 'case.opened', day: 0 });
    expect(await ledger()).toBe(before + 1);
    expect(out.referrals[0].pseudonym).toBe('V1');
    expect(out.referrals[0].acceptedDay).toBeGreaterThanOrEqual(out.referrals[0].requestedDay);
    // Fresh pseudonyms per export: two exports cannot be linked.
    const again = (await (await get(`/reports/typical-case/${c.id}`, hub.token('coordinator-rheine'))).json()) as {
      pseudonym: string;
    };
    expect(again.pseudonym).not.toBe(out.pseudonym);
    // Another area's case: the same 404 as an unknown one (docs/privacy.md).
    expect((await get(`/reports/typical-case/${c.id}`, hub.token('coordinator-kreis'))).status).toBe(404);
    expect((await get(`/reports/typical-case/${c.id}`, hub.token('cm-rheine-1'))).status).toBe(403);
    // Two exports and the other office's refused attempt.
    expect(await ledger()).toBe(before + 3);
  });
});
