import type { TFunction } from 'i18next';
import type { PortalGroup, PortalStatus } from '../../../common/rules/portalStatus';
import { formatDate, formatDateTime } from '../../format';

/** The details after the status word: why it is inactive, when the link went, the last sign-in. */
export function statusDetails(t: TFunction, s: PortalStatus): string[] {
  const out: string[] = [];
  switch (s.kind) {
    case 'disabled':
    case 'inactive':
      for (const r of s.reasons) out.push(t(`portal.status.reason.${r}`));
      break;
    case 'awaiting': {
      if (s.invitationSentAt) out.push(t('portal.status.linkSent', { at: formatDateTime(s.invitationSentAt) }));
      const pending = s.invitationRequestedAt && (!s.invitationSentAt || s.invitationRequestedAt > s.invitationSentAt);
      if (pending) out.push(t('portal.status.linkRequested', { at: formatDateTime(s.invitationRequestedAt) }));
      if (s.tempPasswordExpiresAt) out.push(t('portal.status.tempPasswordUntil', { date: formatDate(s.tempPasswordExpiresAt) }));
      if (!s.invitationSentAt && !pending && !s.tempPasswordExpiresAt) out.push(t('portal.status.noLinkYet'));
      break;
    }
    case 'active':
      out.push(s.lastSignInAt ? t('portal.status.lastSignIn', { at: formatDateTime(s.lastSignInAt) }) : t('portal.status.neverSignedIn'));
      break;
    case 'locked':
      out.push(t('portal.status.failedAttempts', { count: s.failedAttempts }));
      if (s.unlockRequestedAt) out.push(t('portal.status.unlockRequested', { at: formatDateTime(s.unlockRequestedAt) }));
      break;
  }
  if (s.resetRequestedAt && s.kind !== 'inactive' && s.kind !== 'disabled') {
    out.push(t('portal.status.resetRequested', { at: formatDateTime(s.resetRequestedAt) }));
  }
  return out;
}

export function statusLine(t: TFunction, s: PortalStatus): string {
  return [t(`portal.status.kind.${s.kind}`), ...statusDetails(t, s)].join(' · ');
}

/** The onboarding tool's colours (seed 004): red, gray, orange, green. */
export const GROUP_COLOUR: Record<PortalGroup, string> = {
  notEnabled: 'red',
  notInvited: 'gray',
  invited: 'orange',
  active: 'green',
};
