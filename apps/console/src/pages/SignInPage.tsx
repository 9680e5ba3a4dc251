import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, gql, signInProviders } from '../api';
import { errorText } from '../components/ErrorNotice';
import { PageTitle } from '../components/PageTitle';
import { ME, useSession } from '../session';

/**
 * Sign-in: with the administration's account (single sign-on through the Kreis's OpenID
 * provider, when the hub has one configured), or with a pasted staff token (demo, development),
 * checked against the hub before it is kept.
 */
export function SignInPage() {
  const { t } = useTranslation();
  const { session, endedReason, signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const errorId = useId();
  const [providers, setProviders] = useState<{ slug: string; name: string; label: string | null }[]>([]);

  useEffect(() => {
    let cancelled = false;
    void signInProviders().then((p) => {
      if (!cancelled) setProviders(p);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  if (session) return <Navigate to="/" replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const value = token.trim();
    if (!value) {
      setProblem(t('signIn.required'));
      input.current?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const { data } = await gql(value, ME);
      if (data.me.role !== 'coordinator' && data.me.role !== 'case-manager' && data.me.role !== 'tenant-admin') {
        setProblem(t('signIn.notCoordinator', { role: data.me.role }));
        input.current?.focus();
        return;
      }
      signIn({ token: value, me: data.me });
      const from = (location.state as { from?: string } | null)?.from;
      void navigate(from && from !== '/sign-in' ? from : '/', { replace: true });
    } catch (err) {
      const code = err instanceof ApiError ? err.code : '';
      setProblem(code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' ? t('signIn.invalid') : errorText(err, t));
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="sign-in" aria-labelledby="page-title">
      <PageTitle>{t('signIn.title')}</PageTitle>
      {endedReason === 'expired' && (
        <p role="status" className="notice">
          {t('session.expired')}
        </p>
      )}
      {providers.length > 0 && (
        <div className="sso">
          <p>{t('signIn.ssoIntro')}</p>
          <ul className="sso-list">
            {providers.map((p) => (
              <li key={p.slug}>
                <a className="button" href={`/auth/oidc/${encodeURIComponent(p.slug)}/login?returnTo=/console/`}>
                  {providers.length > 1 ? t('signIn.ssoFor', { name: p.label ?? p.name }) : t('signIn.sso')}
                </a>
              </li>
            ))}
          </ul>
          <h2>{t('signIn.tokenHeading')}</h2>
        </div>
      )}
      <p>{t('signIn.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor="token">{t('signIn.token')}</label>
        <input
          id="token"
          ref={input}
          type="password"
          autoComplete="current-password"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          aria-describedby={problem ? `${hintId} ${errorId}` : hintId}
          aria-invalid={problem ? true : undefined}
          required
        />
        <p id={hintId} className="hint">
          {t('signIn.tokenHint')}
        </p>
        {problem && (
          <p id={errorId} role="alert" className="notice notice-error">
            {problem}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
      </form>
    </section>
  );
}
