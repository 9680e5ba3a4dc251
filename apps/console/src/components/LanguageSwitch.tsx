import { useTranslation } from 'react-i18next';

/** One button to the other language; its label is in that language, with lang set for screen readers. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other = i18n.language === 'en' ? 'de' : 'en';
  return (
    <button
      type="button"
      lang={other}
      aria-label={t('lang.switchLabel')}
      onClick={() => void i18n.changeLanguage(other)}
    >
      {t('lang.switchTo')}
    </button>
  );
}
