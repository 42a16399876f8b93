import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { followLoginRequestCount, useLoginRequestCount } from './count';

/** The number of new login requests beside "Login requests" in the navigation, in words for screen readers. */
export function LoginRequestCount() {
  const { t } = useTranslation();
  const count = useLoginRequestCount((s) => s.open ?? 0);
  useEffect(() => followLoginRequestCount(), []);
  if (!count) return null;
  return (
    <span className="badge badge-count" title={t('loginRequests.badge', { count })} data-testid="login-request-count">
      <span aria-hidden="true">{count}</span>
      <span className="sr-only">{t('loginRequests.badge', { count })}</span>
    </span>
  );
}
