import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage } from '../../i18n';

/** Before sign-in there is no palette; this button switches the language. */
export function LanguageToggle() {
  const { t } = useTranslation();
  const other = currentLanguage() === 'da' ? 'en' : 'da';
  return (
    <button type="button" className="btn btn-ghost" lang={other} aria-label={t('shell.switchLanguageLabel')} onClick={() => setLanguage(other)}>
      {t('shell.switchLanguage')}
    </button>
  );
}
