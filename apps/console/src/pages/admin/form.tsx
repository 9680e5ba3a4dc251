import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/ErrorNotice';
import { serverProblems as problemsOf, type KnownRefusal, type Problems } from './problems';

export { check, issueText, REFUSALS, type KnownRefusal, type Problems } from './problems';

type T = (key: string, opts?: Record<string, unknown>) => string;

/** The hub's answer to a submitted form, by field; what belongs to none in the console's error words. */
export const serverProblems = (error: unknown, t: T, known: KnownRefusal[] = []): Problems =>
  problemsOf(error, t, known, errorText);

/**
 * The pieces every administration form shares: fields that carry their own error (tied to the
 * control with aria-describedby), the hub's own rules run in the browser, the hub's refusals put
 * next to the field they concern, and modal dialogs that give the focus back.
 */

/** Put the focus on the first field with a problem (in the order of the form), or on the form's notice. */
export function focusFirstProblem(form: HTMLFormElement | null, problems: Problems): void {
  if (!form) return;
  const invalid = form.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (invalid) invalid.focus();
  else if (problems.form) form.querySelector<HTMLElement>('.form-problem')?.focus();
}

/**
 * The problems of one form and how it reports them: `fail` shows them and puts the focus on the
 * first field with a problem (after the render that marks it), `clear` removes them. Every
 * administration form reports its own and the hub's refusals this way.
 */
export function useFormProblems() {
  const form = useRef<HTMLFormElement>(null);
  const [problems, setProblems] = useState<Problems>({});
  const fail = useCallback((p: Problems) => {
    setProblems(p);
    requestAnimationFrame(() => focusFirstProblem(form.current, p));
  }, []);
  const clear = useCallback(() => setProblems({}), []);
  return { form, problems, fail, clear };
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
/** The enum key of a value: typed as the enum's keys, which the generated GraphQL enum types must accept. */
export const keyOf = <E extends Record<string, string>>(value: string, values: E): keyof E & string =>
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
