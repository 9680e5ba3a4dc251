import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `x.m[i]` as text, or a list split at ", ". */
const text = (i: number) => `x.m[${i}]`;
const list = (i: number) => `to_jsonb(string_to_array(x.m[${i}], ', '))`;

/**
 * Entries written before this migration carry only an English sentence. Its wording was fixed by
 * the code that wrote it, so each kind's sentences are read back into a code and parameters; the
 * first pattern of a kind that matches wins. A sentence no pattern reads keeps a null code (the
 * console then shows the sentence as it is, marked English).
 */
const LEGACY: { kind: string; re: string; code: string; params: [string, string][] }[] = [
  { kind: 'case.opened', re: '^Case (.+) opened \\(intake\\)$', code: 'case.opened', params: [['reference', text(1)]] },
  {
    kind: 'case.opened',
    re: '^Case opened \\(intake\\)$',
    code: 'case.opened',
    params: [['reference', `(SELECT c.reference FROM cases c WHERE c.tenant_id = t.tenant_id AND c.id = t.case_id)`]],
  },
  {
    kind: 'case.phase-changed',
    re: '^Phase ([a-z]+) → ([a-z]+)$',
    code: 'case.phase-changed',
    params: [
      ['fromPhase', text(1)],
      ['toPhase', text(2)],
    ],
  },
  { kind: 'case.note-added', re: '^(.*)$', code: 'case.note-added', params: [['note', text(1)]] },
  {
    kind: 'case.handed-over',
    re: '^Case handed over to (.+?): (.*)$',
    code: 'case.handed-over-with-note',
    params: [
      ['staff', text(1)],
      ['note', text(2)],
    ],
  },
  {
    kind: 'case.handed-over',
    re: '^Case handed over to (.+)$',
    code: 'case.handed-over',
    params: [['staff', text(1)]],
  },
  { kind: 'person.updated', re: '^Person data changed: (.+)$', code: 'person.updated', params: [['fields', list(1)]] },
  { kind: 'person.do-not-contact', re: '^Do not contact: (set)$', code: 'person.do-not-contact-set', params: [] },
  { kind: 'person.do-not-contact', re: '^Do not contact: (lifted)$', code: 'person.do-not-contact-lifted', params: [] },
  { kind: 'plan.goal-added', re: '^Goal added: (.*)$', code: 'plan.goal-added', params: [['goal', text(1)]] },
  { kind: 'plan.goal-updated', re: '^Goal changed: (.*)$', code: 'plan.goal-changed', params: [['goal', text(1)]] },
  {
    kind: 'plan.goal-updated',
    re: '^Goal ([a-z-]+) → ([a-z-]+): (.*)$',
    code: 'plan.goal-status-changed',
    params: [
      ['goal', text(3)],
      ['fromGoalStatus', text(1)],
      ['toGoalStatus', text(2)],
    ],
  },
  {
    kind: 'consent.recorded',
    re: '^Consent recorded for (.+): ([a-z, -]+)$',
    code: 'consent.recorded',
    params: [
      ['agency', text(1)],
      ['categories', list(2)],
    ],
  },
  { kind: 'consent.revoked', re: '^Consent for (.+) revoked$', code: 'consent.revoked', params: [['agency', text(1)]] },
  { kind: 'consent.expired', re: '^(Consent expired)$', code: 'consent.expired', params: [] },
  {
    kind: 'legal-basis.recorded',
    re: '^Legal basis recorded for (.+?): (.+) \\(awaiting confirmation\\)$',
    code: 'legal-basis.recorded',
    params: [
      ['agency', text(1)],
      ['citation', text(2)],
    ],
  },
  ...(['confirmed', 'rejected'] as const).map((verb) => ({
    kind: `legal-basis.${verb}`,
    re: `^Legal basis (.+) ${verb} by (.+)$`,
    code: `legal-basis.${verb}`,
    params: [
      ['citation', text(1)],
      ['staff', text(2)],
    ] as [string, string][],
  })),
  {
    kind: 'message.suppressed',
    re: '^Message to (.+) not sent: the referral is ([a-z-]+)$',
    code: 'message.suppressed-referral-status',
    params: [
      ['agency', text(1)],
      ['status', text(2)],
    ],
  },
  {
    kind: 'message.suppressed',
    re: '^Message to (.+) not sent: the person asked not to be contacted$',
    code: 'message.suppressed-do-not-contact',
    params: [['agency', text(1)]],
  },
  {
    kind: 'message.suppressed',
    re: '^Message to (.+) not sent: consent no longer covers it$',
    code: 'message.suppressed-consent',
    params: [['agency', text(1)]],
  },
  {
    // "Notfallzugriff durch X bis <Berlin time> / break-glass access by X: <reason>"; the end is in data.
    kind: 'override.opened',
    re: '^Notfallzugriff durch (.+?) bis .*? / break-glass access by .*?: (.*)$',
    code: 'override.opened',
    params: [
      ['staff', text(1)],
      ['until', `t.data->>'expiresAt'`],
      ['reason', text(2)],
    ],
  },
  {
    kind: 'referral.created',
    re: '^Referral to (.+) drafted$',
    code: 'referral.drafted',
    params: [['service', text(1)]],
  },
  {
    kind: 'referral.status-changed',
    re: '^Referral sent to (.+)$',
    code: 'referral.sent',
    params: [['agency', text(1)]],
  },
  {
    kind: 'referral.status-changed',
    re: '^Referral to (.+) cancelled: consent withdrawn$',
    code: 'referral.cancelled-consent-withdrawn',
    params: [['agency', text(1)]],
  },
  {
    kind: 'referral.status-changed',
    re: '^Referral cancelled: (.*)$',
    code: 'referral.cancelled',
    params: [['reason', text(1)]],
  },
  {
    kind: 'referral.status-changed',
    re: '^(.+): ([a-z-]+) → ([a-z-]+) \\((.*)\\)$',
    code: 'referral.status-changed-with-reason',
    params: [
      ['agency', text(1)],
      ['fromStatus', text(2)],
      ['toStatus', text(3)],
      ['reason', text(4)],
    ],
  },
  {
    kind: 'referral.status-changed',
    re: '^(.+): ([a-z-]+) → ([a-z-]+)$',
    code: 'referral.status-changed',
    params: [
      ['agency', text(1)],
      ['fromStatus', text(2)],
      ['toStatus', text(3)],
    ],
  },
  {
    kind: 'referral.outcome-acknowledged',
    re: '^Outcome \\(([a-z-]+)\\) taken note of$',
    code: 'referral.outcome-acknowledged',
    params: [['status', text(1)]],
  },
];

/**
 * Timeline entries say what happened as a code with parameters, put into words when read (German
 * first, English): `summary` stays as the English sentence for the API's plain-text field. Old
 * entries are read back from their sentence (see LEGACY); running it again touches only entries
 * still without a code.
 */
export class TimelineSummaryCodes1765450000000 implements MigrationInterface {
  name = 'TimelineSummaryCodes1765450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "timeline_events" ADD COLUMN IF NOT EXISTS "summary_code" text`);
    await q.query(`ALTER TABLE "timeline_events" ADD COLUMN IF NOT EXISTS "summary_params" jsonb`);
    for (const l of LEGACY) {
      const params = l.params.map(([name, expr]) => `'${name}', ${expr}`).join(', ');
      await q.query(
        `UPDATE timeline_events t SET summary_code = $3, summary_params = jsonb_build_object(${params})
           FROM (SELECT tenant_id, id, regexp_match(summary, $2) AS m
                   FROM timeline_events WHERE kind = $1 AND summary_code IS NULL) x
          WHERE t.tenant_id = x.tenant_id AND t.id = x.id AND x.m IS NOT NULL`,
        [l.kind, l.re, l.code],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "timeline_events" DROP COLUMN "summary_params"`);
    await q.query(`ALTER TABLE "timeline_events" DROP COLUMN "summary_code"`);
  }
}
