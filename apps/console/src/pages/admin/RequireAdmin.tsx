import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';
import { useSession } from '../../session';

/**
 * The administration is the tenant administrator's alone. Others reaching its address by hand
 * read that it is not theirs (the hub refuses them in any case; the screens do not ask).
 */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { session } = useSession();
  if (session?.me.role !== 'tenant-admin') {
    return (
      <>
        <PageTitle>{t('admin.notAdminTitle')}</PageTitle>
        <p className="notice">{t('admin.notAdmin')}</p>
      </>
    );
  }
  return <>{children}</>;
}
