import { useTranslation } from 'react-i18next';
import type { PortalStatus } from '../../../common/rules/portalStatus';
import { statusDetails } from './statusText';

/** The status word in its colour, and its details; a button when it opens the portal form. */
export function PortalStatusBadge({ status, onOpen, shortcut }: { status: PortalStatus; onOpen?: (() => void) | undefined; shortcut?: string }) {
  const { t } = useTranslation();
  const details = statusDetails(t, status);
  const body = (
    <>
      <span className={`portal-pill portal-pill-${status.kind}`}>{t(`portal.status.kind.${status.kind}`)}</span>
      {details.length ? <span className="portal-details">{details.join(' · ')}</span> : null}
    </>
  );
  if (!onOpen) {
    return (
      <div className="portal-status" data-status={status.kind}>
        {body}
      </div>
    );
  }
  return (
    <button type="button" className="portal-status portal-status-button" data-status={status.kind} onClick={onOpen} aria-keyshortcuts={shortcut}
      title={shortcut ? `${t('portal.form.open')} (${shortcut})` : t('portal.form.open')}>
      {body}
    </button>
  );
}
