import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useSession } from '../session';
import { LanguageSwitch } from './LanguageSwitch';

interface NavItem {
  to: string;
  label: string;
  /** Active only on this exact path (the overview at "/" would match every page). */
  end?: boolean;
}

/** A case manager starts from their own cases; coordinators from the Kreis overview. */
const CASE_MANAGER_NAV: NavItem[] = [
  { to: '/my-cases', label: 'nav.myCases' },
  { to: '/intake', label: 'nav.intake' },
  { to: '/inbox', label: 'nav.inbox' },
  { to: '/cases', label: 'nav.cases' },
  { to: '/link-reviews', label: 'nav.linkReviews' },
];
const COORDINATOR_NAV: NavItem[] = [
  { to: '/', label: 'nav.overview', end: true },
  { to: '/board', label: 'nav.board' },
  { to: '/overdue', label: 'nav.overdue' },
  { to: '/open-loops', label: 'nav.openLoops' },
  { to: '/cases', label: 'nav.cases' },
  { to: '/link-reviews', label: 'nav.linkReviews' },
  { to: '/reviews', label: 'nav.reviews' },
  { to: '/transfers', label: 'nav.transfers' },
];

/** A tenant administrator sets the Kreis up and never sees a case: the administration only. */
const ADMIN_NAV: NavItem[] = [
  { to: '/admin/areas', label: 'nav.adminAreas' },
  { to: '/admin/staff', label: 'nav.adminStaff' },
  { to: '/admin/agencies', label: 'nav.adminAgencies' },
  { to: '/admin/credentials', label: 'nav.adminCredentials' },
];
const navFor = (role: string): NavItem[] =>
  role === 'tenant-admin' ? ADMIN_NAV : role === 'case-manager' ? CASE_MANAGER_NAV : COORDINATOR_NAV;

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
          <ul>
            {navFor(session.me.role).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end}>
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
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
