import { useTranslation } from 'react-i18next';
import { PageTitle } from '../components/PageTitle';

export function BoardPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('board.title')}</PageTitle>
      <p>{t('board.unavailable')}</p>
    </>
  );
}
