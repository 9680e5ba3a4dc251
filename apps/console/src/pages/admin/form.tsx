import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { errorText } from '../../components/ErrorNotice';

/**
 * The pieces every administration form shares: fields that carry their own error (tied to the
 * control with aria-describedby), the hub's own rules run in the browser, the hub's refusals put
 * next to the field they concern, and modal dialogs that give the focus back.
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
export function serverProblems(error: unknown, t: T, known: KnownRefusal[] = []): Problems {
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
  return { form: errorText(error, t) };
}

/** Put the focus on the first field with a problem (in the order of the form), or on the form's notice. */
export function focusFirstProblem(form: HTMLFormElement | null, problems: Problems): void {
  if (!form) return;
  const invalid = form.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (invalid) invalid.focus();
  else if (problems.form) form.querySelector<HTMLElement>('.form-problem')?.focus();
}

interface FieldProps {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  children: (aria: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => ReactNode;
}

/** A labelled control with its hint and its error, both announced with the control. */
export function Field({ id, label, error, hint, children }: FieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': !!error, 'aria-describedby': describedBy })}
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The form's own problem (one that names no field): announced, and focusable after a failed submit. */
export function FormProblem({ problems }: { problems: Problems }) {
  if (!problems.form) return null;
  return (
    <p role="alert" className="notice notice-error form-problem" tabIndex={-1}>
      {problems.form}
    </p>
  );
}

/**
 * A button that is busy while the hub answers: it keeps the focus (a disabled button would drop
 * it to the page body, and a dialog opened by the answer could not give it back) but does nothing.
 */
export const busyProps = (busy: boolean) => ({
  'aria-disabled': busy || undefined,
  onClick: (e: { preventDefault(): void }) => {
    if (busy) e.preventDefault();
  },
});

/** Empty text as absent, and a German decimal comma as a point. */
export const optionalText = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());
export const numberOrUndefined = (s: string): number | undefined =>
  s.trim() === '' ? undefined : Number(s.trim().replace(',', '.'));

/** GraphQL shows enum keys (CASE_MANAGER), the hub's rules check the values (case-manager). */
export const valueOf = (key: string, values: Record<string, string>): string => values[key] ?? key;
export const keyOf = (value: string, values: Record<string, string>): string =>
  Object.entries(values).find(([, v]) => v === value)?.[0] ?? value;

interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
}

/**
 * A modal dialog (the platform's <dialog>: focus stays inside, Escape closes). It opens with the
 * focus on its first control and, when it closes, gives the focus back to what opened it.
 */
export function Dialog({ open, title, onClose, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      opener.current = document.activeElement as HTMLElement | null;
      d.showModal();
      d.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
    } else if (!open && d.open) {
      d.close();
    }
    if (!open && opener.current) {
      const back = opener.current;
      opener.current = null;
      // The opener may have been re-rendered; give it the focus once the page settled.
      requestAnimationFrame(() => (back.isConnected ? back : document.getElementById('page-title'))?.focus());
    }
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {open && children}
    </dialog>
  );
}

/** Are you sure? A dialog with the consequence, a confirm and a cancel button (cancel first). */
export function ConfirmDialog({
  open,
  title,
  text,
  confirm,
  busy,
  problems,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  text: string;
  confirm: string;
  busy: boolean;
  problems: Problems;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <p>{text}</p>
      <FormProblem problems={problems} />
      <div className="actions">
        <button type="button" className="secondary" onClick={onClose}>
          {t('admin.cancel')}
        </button>
        <button type="button" className="danger" {...busyProps(busy)} onClick={() => !busy && onConfirm()}>
          {busy ? t('common.loading') : confirm}
        </button>
      </div>
    </Dialog>
  );
}

/**
 * A secret the hub hands out once (an access key, an API key, a webhook secret): shown with a
 * warning and a copy button until the administrator says it is kept safe.
 */
export function SecretDialog({
  secret,
  title,
  extra,
  onClose,
}: {
  secret: string | null;
  title: string;
  extra?: ReactNode;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const fieldId = useId();
  const warningId = useId();
  const close = () => {
    setCopied(null);
    onClose();
  };
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret ?? '');
      setCopied('yes');
    } catch {
      // No clipboard (a locked-down browser): the text is selected for the keyboard's copy.
      document.getElementById(fieldId)?.focus();
      (document.getElementById(fieldId) as HTMLInputElement | null)?.select();
      setCopied('no');
    }
  }
  return (
    <Dialog open={secret !== null} title={title} onClose={close}>
      <p id={warningId} className="notice notice-warning">
        <strong>{t('admin.secret.warningTitle')}</strong> {t('admin.secret.warning')}
      </p>
      <div className="field">
        <label htmlFor={fieldId}>{t('admin.secret.label')}</label>
        <input
          id={fieldId}
          className="secret"
          readOnly
          value={secret ?? ''}
          aria-describedby={warningId}
          onFocus={(e) => e.currentTarget.select()}
        />
      </div>
      {extra}
      <p role="status" className="hint">
        {copied === 'yes' ? t('admin.secret.copied') : copied === 'no' ? t('admin.secret.copyManually') : ''}
      </p>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void copy()}>
          {t('admin.secret.copy')}
        </button>
        <button type="button" onClick={close}>
          {t('admin.secret.done')}
        </button>
      </div>
    </Dialog>
  );
}

/** A role, kind, domain or channel as words; the hub's key never reaches the screen. */
export function useWords() {
  const { t } = useTranslation();
  return {
    role: (k: string) => t(`admin.role.${k}`),
    agencyKind: (k: string) => t(`admin.agencyKind.${k}`),
    legalDomain: (k: string) => t(`admin.legalDomain.${k}`),
    channel: (k: string) => t(`admin.channel.${k}`),
    areaKind: (k: string) => t(`admin.areaKind.${k}`),
    domain: (k: string) => t(`domain.${k}`),
    state: (k: string) => t(`admin.credentialState.${k}`),
  };
}
