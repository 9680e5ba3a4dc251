import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';

/** A failed request in the interface language, announced to screen readers. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="notice notice-error">
      <p>
        <strong>{t('error.title')}:</strong> {errorText(error, t)}
      </p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('error.retry')}
        </button>
      )}
    </div>
  );
}

const KNOWN = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONSENT_REQUIRED',
  'INVALID_INPUT',
  'CONFLICT',
  'NETWORK',
  'GRAPHQL_VALIDATION_FAILED',
];

export function errorText(error: unknown, t: (key: string, opts?: Record<string, unknown>) => string): string {
  const code = error instanceof ApiError ? error.code : 'INTERNAL';
  const message = error instanceof Error ? error.message : String(error);
  return KNOWN.includes(code) ? t(`error.${code}`, { message }) : t('error.other', { code });
}
