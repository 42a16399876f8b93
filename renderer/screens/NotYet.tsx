import { useTranslation } from 'react-i18next';

export default function NotYet() {
  const { t } = useTranslation();
  return <p className="muted">{t('shell.notYet')}</p>;
}
