import type { TFunction } from 'i18next';
import type { LoginRequestRow, LoginRequestState } from '../../../common/api/loginRequests';
import type { PortalRight } from '../../../common/settings';
import { formatDateTime } from '../../format';
import { rightsList } from './choice';

/** A shape beside each state's word, so the state never rests on colour alone. */
export const STATE_GLYPH: Record<LoginRequestState, string> = { new: '●', approved: '✓', rejected: '✗', handledElsewhere: '↷' };

export const patientName = (r: Pick<LoginRequestRow, 'givenName' | 'familyName'>) => `${r.givenName} ${r.familyName}`;

export function rightsText(t: TFunction, rights: readonly PortalRight[]): string {
  return rights.length ? rights.map((x) => t(`portal.form.right.${x}`)).join(', ') : t('loginRequests.noRights');
}

export const requestedText = (t: TFunction, r: LoginRequestRow) => rightsText(t, rightsList(r.rights));

/** Who decided, as the hub names them ("Frida Front, Demo Clinic"), or automatic approval. */
export function deciderName(t: TFunction, r: LoginRequestRow): string {
  return r.decidedBy ?? (r.decidedAutomatically ? t('loginRequests.detail.automatic') : t('loginRequests.detail.someone'));
}

/** "Approved by Frida at …", "Handled by … at …": who decided and when, once someone has. */
export function decisionLine(t: TFunction, r: LoginRequestRow): string | null {
  if (r.state === 'new' || !r.decidedAt) return null;
  const who = deciderName(t, r);
  const when = formatDateTime(r.decidedAt);
  if (r.state === 'approved') {
    return r.decidedAutomatically ? t('loginRequests.detail.approvedAutomatically', { when }) : t('loginRequests.detail.approvedBy', { who, when });
  }
  if (r.state === 'rejected') {
    const reason = r.rejectReason ? t(`loginRequests.reject.reasons.${r.rejectReason}`) : '';
    return t('loginRequests.detail.rejectedBy', { who, when, reason });
  }
  return t('loginRequests.detail.handledBy', { who, when });
}
