import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { Layout } from './components/Layout';
import { PageTitle } from './components/PageTitle';
import { CasePage } from './pages/CasePage';
import { CasesPage } from './pages/CasesPage';
import { InboxPage } from './pages/InboxPage';
import { IntakePage } from './pages/IntakePage';
import { MyCasesPage } from './pages/MyCasesPage';
import { LinkReviewPage, LinkReviewsPage } from './pages/LinkReviewPages';
import { SignInPage } from './pages/SignInPage';
import { OpenLoopsPage, OverduePage } from './pages/WatchPages';
import { ReviewsPage } from './pages/reviews/ReviewsPage';
import { BarriersPage, FlagsPage } from './pages/reviews/BarriersPages';
import { BreakGlassPage, BreakGlassReviewPage } from './pages/reviews/BreakGlassPages';
import { DeadMessagesPage } from './pages/reviews/DeadMessagesPage';
import { CaseloadPage } from './pages/reviews/CaseloadPage';
import { RequireAdmin } from './pages/admin/RequireAdmin';
import { TransfersPage } from './pages/TransfersPage';
import { useSession } from './session';

// The charting library is most of the bundle: the pages with charts load it when first opened.
const OverviewPage = lazy(() => import('./pages/OverviewPage').then((m) => ({ default: m.OverviewPage })));
const BoardPage = lazy(() => import('./pages/BoardPage').then((m) => ({ default: m.BoardPage })));
// The administration brings the hub's validation rules (zod): only a tenant administrator loads it.
const admin = () => import('./pages/admin');
const AreasPage = lazy(() => admin().then((m) => ({ default: m.AreasPage })));
const StaffPage = lazy(() => admin().then((m) => ({ default: m.StaffPage })));
const AgenciesPage = lazy(() => admin().then((m) => ({ default: m.AgenciesPage })));
const AgencyPage = lazy(() => admin().then((m) => ({ default: m.AgencyPage })));
const CredentialsPage = lazy(() => admin().then((m) => ({ default: m.CredentialsPage })));

function RequireSession({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  if (!session) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  return <Suspense fallback={<p role="status">{t('common.loading')}</p>}>{children}</Suspense>;
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('common.notFoundTitle')}</PageTitle>
      <p>
        <Link to="/">{t('common.back')}</Link>
      </p>
    </>
  );
}

/** Coordinators start on the overview of their area, case managers on their own cases, administrators on the areas. */
function Home() {
  const { session } = useSession();
  if (session?.me.role === 'tenant-admin') return <Navigate to="/admin/areas" replace />;
  return session?.me.role === 'case-manager' ? <Navigate to="/my-cases" replace /> : <OverviewPage />;
}

export function App() {
  const guarded = (page: ReactNode) => <RequireSession>{page}</RequireSession>;
  const administration = (page: ReactNode) => guarded(<RequireAdmin>{page}</RequireAdmin>);
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/" element={guarded(<Home />)} />
        <Route path="/my-cases" element={guarded(<MyCasesPage />)} />
        <Route path="/intake" element={guarded(<IntakePage />)} />
        <Route path="/inbox" element={guarded(<InboxPage />)} />
        <Route path="/board" element={guarded(<BoardPage />)} />
        <Route path="/overdue" element={guarded(<OverduePage />)} />
        <Route path="/open-loops" element={guarded(<OpenLoopsPage />)} />
        <Route path="/cases" element={guarded(<CasesPage />)} />
        <Route path="/cases/:id" element={guarded(<CasePage />)} />
        <Route path="/link-reviews" element={guarded(<LinkReviewsPage />)} />
        <Route path="/link-reviews/:id" element={guarded(<LinkReviewPage />)} />
        <Route path="/reviews" element={guarded(<ReviewsPage />)} />
        <Route path="/reviews/barriers" element={guarded(<BarriersPage />)} />
        <Route path="/reviews/flags" element={guarded(<FlagsPage />)} />
        <Route path="/reviews/break-glass" element={guarded(<BreakGlassPage />)} />
        <Route path="/reviews/break-glass/:id" element={guarded(<BreakGlassReviewPage />)} />
        <Route path="/reviews/messages" element={guarded(<DeadMessagesPage />)} />
        <Route path="/reviews/caseload" element={guarded(<CaseloadPage />)} />
        <Route path="/transfers" element={guarded(<TransfersPage />)} />
        <Route path="/admin/areas" element={administration(<AreasPage />)} />
        <Route path="/admin/staff" element={administration(<StaffPage />)} />
        <Route path="/admin/agencies" element={administration(<AgenciesPage />)} />
        <Route path="/admin/agencies/:id" element={administration(<AgencyPage />)} />
        <Route path="/admin/credentials" element={administration(<CredentialsPage />)} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
