import { randomUUID } from 'node:crypto';
import { isolatedDatabase, type TestDatabase } from '@kim/test-support/db';
import { TimelineSummaryCodes1765450000000 } from './1765450000000-timeline-summary-codes.js';

/**
 * Sentences as the hub wrote them before entries had codes (copied from the code of that time,
 * e.g. git show 819976b:packages/core/src/referral/sending.ts), and what each must become.
 * null: a sentence no longer read back, left to the console's fallback.
 */
const OLD: [kind: string, sentence: string, data: object, code: string | null, params: object | null][] = [
  ['case.opened', 'Case KIM-2025-0042 opened (intake)', {}, 'case.opened', { reference: 'KIM-2025-0042' }],
  [
    'case.phase-changed',
    'Phase intake → assessment',
    {},
    'case.phase-changed',
    { fromPhase: 'intake', toPhase: 'assessment' },
  ],
  [
    'case.note-added',
    'Termin am Montag:\nDolmetscherin bestellt',
    {},
    'case.note-added',
    { note: 'Termin am Montag:\nDolmetscherin bestellt' },
  ],
  ['case.handed-over', 'Case handed over to Ayşe Demir', {}, 'case.handed-over', { staff: 'Ayşe Demir' }],
  [
    'case.handed-over',
    'Case handed over to Ayşe Demir: Elternzeit',
    {},
    'case.handed-over-with-note',
    { staff: 'Ayşe Demir', note: 'Elternzeit' },
  ],
  [
    'person.updated',
    'Person data changed: birthDatePrecision, birthDate, municipality',
    {},
    'person.updated',
    { fields: ['birthDatePrecision', 'birthDate', 'municipality'] },
  ],
  ['person.do-not-contact', 'Do not contact: set', {}, 'person.do-not-contact-set', {}],
  ['person.do-not-contact', 'Do not contact: lifted', {}, 'person.do-not-contact-lifted', {}],
  ['plan.goal-added', 'Goal added: B1 bis Juni', {}, 'plan.goal-added', { goal: 'B1 bis Juni' }],
  ['plan.goal-updated', 'Goal changed: B1 bis Juli', {}, 'plan.goal-changed', { goal: 'B1 bis Juli' }],
  [
    'plan.goal-updated',
    'Goal open → in-progress: B1 bis Juli',
    {},
    'plan.goal-status-changed',
    { goal: 'B1 bis Juli', fromGoalStatus: 'open', toGoalStatus: 'in-progress' },
  ],
  [
    'consent.recorded',
    'Consent recorded for Jobcenter Kreis Steinfurt: identity, residence-status',
    {},
    'consent.recorded',
    { agency: 'Jobcenter Kreis Steinfurt', categories: ['identity', 'residence-status'] },
  ],
  [
    'consent.revoked',
    'Consent for Jobcenter Kreis Steinfurt revoked',
    {},
    'consent.revoked',
    { agency: 'Jobcenter Kreis Steinfurt' },
  ],
  ['consent.expired', 'Consent expired', {}, 'consent.expired', {}],
  [
    'legal-basis.recorded',
    'Legal basis recorded for Jugendamt: § 8a SGB VIII (awaiting confirmation)',
    {},
    'legal-basis.recorded',
    { agency: 'Jugendamt', citation: '§ 8a SGB VIII' },
  ],
  [
    'legal-basis.rejected',
    'Legal basis § 8a SGB VIII rejected by K. Koordination',
    {},
    'legal-basis.rejected',
    { citation: '§ 8a SGB VIII', staff: 'K. Koordination' },
  ],
  [
    'message.suppressed',
    'Message to Caritas Rheine not sent: the referral is cancelled',
    {},
    'message.suppressed-referral-status',
    { agency: 'Caritas Rheine', status: 'cancelled' },
  ],
  [
    'message.suppressed',
    'Message to Caritas Rheine not sent: consent no longer covers it',
    {},
    'message.suppressed-consent',
    { agency: 'Caritas Rheine' },
  ],
  [
    'override.opened',
    'Notfallzugriff durch K. Koordination bis 02.03.26, 14:30 / break-glass access by K. Koordination: Akute Krise, Case Managerin krank',
    { expiresAt: '2026-03-02T13:30:00.000Z' },
    'override.opened',
    { staff: 'K. Koordination', until: '2026-03-02T13:30:00.000Z', reason: 'Akute Krise, Case Managerin krank' },
  ],
  ['referral.created', 'Referral to Integrationskurs drafted', {}, 'referral.drafted', { service: 'Integrationskurs' }],
  ['referral.status-changed', 'Referral sent to Caritas Rheine', {}, 'referral.sent', { agency: 'Caritas Rheine' }],
  [
    'referral.status-changed',
    'Referral to Caritas Rheine cancelled: consent withdrawn',
    {},
    'referral.cancelled-consent-withdrawn',
    { agency: 'Caritas Rheine' },
  ],
  [
    'referral.status-changed',
    'Referral cancelled: Person verzogen',
    {},
    'referral.cancelled',
    { reason: 'Person verzogen' },
  ],
  [
    'referral.status-changed',
    'Caritas Rheine: requested → in-progress',
    {},
    'referral.status-changed',
    { agency: 'Caritas Rheine', fromStatus: 'requested', toStatus: 'in-progress' },
  ],
  [
    'referral.status-changed',
    'Jobcenter: requested → rejected (kein Platz frei)',
    {},
    'referral.status-changed-with-reason',
    { agency: 'Jobcenter', fromStatus: 'requested', toStatus: 'rejected', reason: 'kein Platz frei' },
  ],
  [
    'referral.outcome-acknowledged',
    'Outcome (completed) taken note of',
    {},
    'referral.outcome-acknowledged',
    { status: 'completed' },
  ],
  // Not a sentence the hub wrote: stays without a code.
  ['referral.status-changed', 'imported by hand', {}, null, null],
];

describe('timeline entries written before codes', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await isolatedDatabase('timeline-codes');
  });
  afterAll(() => db.drop());

  it('are read back into a code and its parameters', async () => {
    const tenantId = randomUUID();
    const ids = OLD.map(() => randomUUID());
    const q = db.ds.createQueryRunner();
    try {
      // Old rows as they were: no tenant, case or person behind them is needed to read a sentence.
      await q.query(`SET session_replication_role = replica`);
      for (const [i, [kind, sentence, data]] of OLD.entries())
        await q.query(
          `INSERT INTO timeline_events (tenant_id, id, case_id, kind, occurred_at, actor_role, summary, data)
           VALUES ($1, $2, $3, $4, now(), 'system', $5, $6)`,
          [tenantId, ids[i], randomUUID(), kind, sentence, JSON.stringify(data)],
        );
      await q.query(`SET session_replication_role = DEFAULT`);
      await new TimelineSummaryCodes1765450000000().up(q);
      const rows: { id: string; summary_code: string | null; summary_params: object | null }[] = await q.query(
        `SELECT id, summary_code, summary_params FROM timeline_events WHERE tenant_id = $1`,
        [tenantId],
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      expect(
        OLD.map(([, sentence], i) => [sentence, byId.get(ids[i]!)?.summary_code, byId.get(ids[i]!)?.summary_params]),
      ).toEqual(OLD.map(([, sentence, , code, params]) => [sentence, code, params]));
    } finally {
      await q.release();
    }
  });
});
