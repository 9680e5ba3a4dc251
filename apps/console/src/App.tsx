import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { Layout } from './components/Layout';
import { PageTitle } from './components/PageTitle';
import { BoardPage } from './pages/BoardPage';
import { CasePage } from './pages/CasePage';
import { CasesPage } from './pages/CasesPage';
import { OverviewPage } from './pages/OverviewPage';
import { SignInPage } from './pages/SignInPage';
import { OpenLoopsPage, OverduePage } from './pages/WatchPages';
import { useSession } from './session';

function RequireSession({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  return children;
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

export function App() {
  const guarded = (page: ReactNode) => <RequireSession>{page}</RequireSession>;
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/" element={guarded(<OverviewPage />)} />
        <Route path="/board" element={guarded(<BoardPage />)} />
        <Route path="/overdue" element={guarded(<OverduePage />)} />
        <Route path="/open-loops" element={guarded(<OpenLoopsPage />)} />
        <Route path="/cases" element={guarded(<CasesPage />)} />
        <Route path="/cases/:id" element={guarded(<CasePage />)} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
