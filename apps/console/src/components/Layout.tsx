import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useSession } from '../session';
import { LanguageSwitch } from './LanguageSwitch';

/** Landmarks: banner with the session, navigation, main (the skip link's target), contentinfo. */
export function Layout() {
  const { t } = useTranslation();
  const { session, signOut } = useSession();
  const navigate = useNavigate();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="banner">
        <p className="brand">
          <strong>{t('app.name')}</strong> <span>{t('app.console')}</span>
        </p>
        <div className="session">
          {session && <span>{t('session.signedInAs', { name: session.me.displayName })}</span>}
          <LanguageSwitch />
          {session && (
            <button
              type="button"
              onClick={() => {
                signOut();
                void navigate('/sign-in');
              }}
            >
              {t('session.signOut')}
            </button>
          )}
        </div>
      </header>
      {session && (
        <nav aria-label={t('nav.label')}>
          {session.me.role === 'case-manager' ? (
            <ul>
              <li>
                <NavLink to="/my-cases">{t('nav.myCases')}</NavLink>
              </li>
              <li>
                <NavLink to="/intake">{t('nav.intake')}</NavLink>
              </li>
              <li>
                <NavLink to="/inbox">{t('nav.inbox')}</NavLink>
              </li>
              <li>
                <NavLink to="/cases">{t('nav.cases')}</NavLink>
              </li>
              <li>
                <NavLink to="/link-reviews">{t('nav.linkReviews')}</NavLink>
              </li>
            </ul>
          ) : (
            <ul>
              <li>
                <NavLink to="/" end>
                  {t('nav.overview')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/board">{t('nav.board')}</NavLink>
              </li>
              <li>
                <NavLink to="/overdue">{t('nav.overdue')}</NavLink>
              </li>
              <li>
                <NavLink to="/open-loops">{t('nav.openLoops')}</NavLink>
              </li>
              <li>
                <NavLink to="/cases">{t('nav.cases')}</NavLink>
              </li>
              <li>
                <NavLink to="/link-reviews">{t('nav.linkReviews')}</NavLink>
              </li>
            </ul>
          )}
        </nav>
      )}
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer>
        <p>KIM Hub · Kommunales Integrationsmanagement NRW</p>
      </footer>
    </>
  );
}
