import { ApiError } from '../../api';

/**
 * The administration forms' problems as a person reads them, without React: the hub's rules run
 * in the browser and worded by kind and bound, and the hub's refusals put at their field.
 */

type T = (key: string, opts?: Record<string, unknown>) => string;
/** Field name → the message shown under it; `form` for what belongs to no single field. */
export type Problems = Record<string, string>;

/** A zod issue as far as the forms read it (zod itself is the contracts' dependency, not the console's). */
interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
  expected?: string;
}
interface Schema<O> {
  safeParse(value: unknown): { success: true; data: O } | { success: false; error: { issues: Issue[] } };
}

/** One issue of the hub's rules in the interface language: the kind of problem and its bound, never zod's English. */
export function issueText(issue: Issue, t: T): string {
  const field = issue.path.map(String).join('.');
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? t('admin.problem.required') : t('admin.problem.tooShort');
      return t('admin.problem.min', { min: Number(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return t('admin.problem.tooLong', { max: Number(issue.maximum) });
      return t('admin.problem.max', { max: Number(issue.maximum) });
    case 'invalid_type':
      if (issue.expected === 'number') return t('admin.problem.number');
      if (issue.expected === 'int') return t('admin.problem.integer');
      return t('admin.problem.required');
    case 'invalid_format':
      if (issue.format === 'email') return t('admin.problem.email');
      if (issue.format === 'url') return t('admin.problem.url');
      return t(`admin.problem.format.${field}`, { defaultValue: t('admin.problem.invalid') });
    case 'custom':
      return t(`admin.problem.custom.${field || 'form'}`, { defaultValue: t('admin.problem.invalid') });
    default:
      return t('admin.problem.invalid');
  }
}

/** Check a form's value against the hub's schema: the parsed value, or the problems by field. */
export function check<O>(
  schema: Schema<O>,
  value: unknown,
  t: T,
): { ok: true; data: O } | { ok: false; problems: Problems } {
  const r = schema.safeParse(value);
  if (r.success) return { ok: true, data: r.data };
  const problems: Problems = {};
  for (const issue of r.error.issues) {
    const key = issue.path.map(String).join('.') || 'form';
    problems[key] ??= issueText(issue, t);
  }
  return { ok: false, problems };
}

/** A refusal of the hub that belongs to one field of this form (a taken e-mail, a code in use). */
export interface KnownRefusal {
  code: string;
  /** Only refusals whose message matches (the hub's messages are stable English). */
  match?: RegExp;
  field: string;
  key: string;
}

/**
 * The hub's answer to a submitted form, as problems by field: its validation problems go to the
 * field they name (the GraphQL bounds prefix them with the argument, e.g. `input.name`), a known
 * refusal to its field, anything else to the form as a whole.
 */
export function serverProblems(
  error: unknown,
  t: T,
  known: KnownRefusal[] = [],
  otherwise: (error: unknown, t: T) => string = (e) => String(e),
): Problems {
  const first = error instanceof ApiError ? error.errors[0] : undefined;
  const code = error instanceof ApiError ? error.code : '';
  const problems: Problems = {};
  const listed = (first?.extensions?.problems ?? []) as { path: string; message: string }[];
  if (code === 'INVALID_INPUT' && listed.length) {
    for (const p of listed) {
      const field = p.path.replace(/^(input|owner)\./, '') || 'form';
      problems[field] ??= t('admin.problem.server', { message: p.message });
    }
    return problems;
  }
  const hit = known.find((k) => k.code === code && (!k.match || k.match.test(first?.message ?? '')));
  if (hit) return { [hit.field]: t(hit.key) };
  return { form: otherwise(error, t) };
}

/** The hub's refusals that belong to one field, per form (its messages are stable English). */
export const REFUSALS = {
  area: [{ code: 'CONFLICT', field: 'name', key: 'admin.problem.nameTaken' }],
  staff: [
    { code: 'CONFLICT', match: /e-mail/, field: 'email', key: 'admin.problem.emailTaken' },
    { code: 'CONFLICT', match: /deactivate yourself/, field: 'form', key: 'admin.problem.notYourself' },
    { code: 'INVALID_INPUT', match: /area/, field: 'form', key: 'admin.problem.areaMissing' },
  ],
  agency: [
    { code: 'INVALID_INPUT', match: /webhook URL/, field: 'webhookUrl', key: 'admin.problem.custom.webhookUrl' },
    { code: 'CONFLICT', field: 'name', key: 'admin.problem.nameTaken' },
  ],
  service: [{ code: 'CONFLICT', field: 'code', key: 'admin.problem.codeTaken' }],
} satisfies Record<string, KnownRefusal[]>;
