import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The page's h1. After a navigation it takes the focus, so keyboard and screen-reader users
 * land at the start of the new page instead of on the link they left; document.title follows.
 */
export function PageTitle({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { t } = useTranslation();
  useEffect(() => {
    ref.current?.focus();
  }, []);
  useEffect(() => {
    document.title = `${children} – ${t('app.name')}`;
  }, [children, t]);
  return (
    <h1 ref={ref} tabIndex={-1} id="page-title">
      {children}
    </h1>
  );
}
