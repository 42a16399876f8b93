import type { Timestamp } from '../time';

/**
 * A patient's portal status, decided in one place for every screen (patient header, portal
 * form, onboarding tool) and for the commands' own preconditions. Seed 001 names the rules:
 * a patient can use the portal only when access is enabled and an email address and a postal
 * code are on file; Issue 5 adds the temporary password as the alternative to an email.
 */
export type TempPasswordState = 'none' | 'valid' | 'expired';

export interface PortalAccountFacts {
  /** Staff deleted the association with this clinic: the patient may register again. */
  deleted: boolean;
  accessEnabled: boolean;
  /** When staff last asked the hub to send an activation link (clinic side, known offline). */
  invitationRequestedAt: Timestamp | null;
  /** Set when the clinic activates without further confirmation (seed 004 / portal.activateWithoutConfirmation). */
  activatedByClinicAt: Timestamp | null;
  /** When staff last asked for a reset link ("New code", Alt+K). */
  resetRequestedAt: Timestamp | null;
  /** When staff last asked the hub to unlock a locked account. */
  unlockRequestedAt: Timestamp | null;
  tempPassword: TempPasswordState;
  tempPasswordExpiresAt: Timestamp | null;
}

/** What the hub reports back (portal_account_state): the patient's own actions. */
export interface PortalStateFacts {
  invitedAt: Timestamp | null;
  activatedAt: Timestamp | null;
  lastSignInAt: Timestamp | null;
  locked: boolean;
  lockedAt: Timestamp | null;
  failedAttempts: number;
}

export interface PortalStatusInput {
  /** The clinic's setting portal.enabled. */
  portalEnabled: boolean;
  /** The patient's latest account with this clinic, deleted or not; null when there never was one. */
  account: PortalAccountFacts | null;
  hasEmail: boolean;
  hasPostalCode: boolean;
  state: PortalStateFacts | null;
}

export type PortalStatusKind = 'disabled' | 'inactive' | 'awaiting' | 'active' | 'locked';
export type PortalReason =
  | 'portalOff'
  | 'accessDisabled'
  | 'accessNotEnabled'
  | 'associationDeleted'
  | 'noEmail'
  | 'tempPasswordExpired'
  | 'noPostalCode';
/** Onboarding tool colours: red not enabled, gray enabled but not invited, orange invited, green active. */
export type PortalGroup = 'notEnabled' | 'notInvited' | 'invited' | 'active';
export const PORTAL_GROUPS: readonly PortalGroup[] = ['notEnabled', 'notInvited', 'invited', 'active'];
export type PortalAction =
  | 'create'
  | 'enable'
  | 'disable'
  | 'edit'
  | 'delete'
  | 'sendActivation'
  | 'sendReset'
  | 'tempPassword'
  | 'changeEmail'
  | 'unlock';

export interface PortalStatus {
  kind: PortalStatusKind;
  /** Why the patient cannot use the portal (empty when they can), in the order seed 001 lists them. */
  reasons: PortalReason[];
  group: PortalGroup;
  /** An activation link was asked for or sent, or a temporary password is waiting to be used. */
  invited: boolean;
  /** The patient activated (hub), or the clinic activated without further confirmation. */
  activated: boolean;
  invitationRequestedAt: Timestamp | null;
  invitationSentAt: Timestamp | null;
  resetRequestedAt: Timestamp | null;
  tempPasswordExpiresAt: Timestamp | null;
  lastSignInAt: Timestamp | null;
  failedAttempts: number;
  lockedAt: Timestamp | null;
  unlockRequestedAt: Timestamp | null;
  /** What staff may do now; the commands check the same list. */
  actions: PortalAction[];
}

export function portalStatus(i: PortalStatusInput): PortalStatus {
  const live = i.account && !i.account.deleted ? i.account : null;
  const state = live ? i.state : null;
  const activated = !!live && (!!state?.activatedAt || !!live.activatedByClinicAt);
  const temp = live?.tempPassword ?? 'none';
  const invited = !!live && (!!live.invitationRequestedAt || !!state?.invitedAt || temp === 'valid');
  const locked = !!state?.locked;

  const reasons: PortalReason[] = [];
  if (!i.portalEnabled) reasons.push('portalOff');
  if (!live) {
    reasons.push('accessNotEnabled');
    if (i.account?.deleted) reasons.push('associationDeleted');
  } else if (!live.accessEnabled) reasons.push('accessDisabled');
  // an activated patient has a password of their own; otherwise they need an address or a valid temporary password
  if (!i.hasEmail && !activated && temp !== 'valid') {
    reasons.push('noEmail');
    if (temp === 'expired') reasons.push('tempPasswordExpired');
  }
  if (!i.hasPostalCode) reasons.push('noPostalCode');

  let kind: PortalStatusKind;
  if (!i.portalEnabled || (live && !live.accessEnabled)) kind = 'disabled';
  else if (reasons.length > 0) kind = 'inactive';
  else if (locked) kind = 'locked';
  else if (activated) kind = 'active';
  else kind = 'awaiting';

  let group: PortalGroup;
  if (kind === 'disabled' || kind === 'inactive') group = 'notEnabled';
  else if (activated) group = 'active';
  else group = invited ? 'invited' : 'notInvited';

  const actions: PortalAction[] = [];
  if (i.portalEnabled) {
    if (!live) actions.push('create');
    else {
      actions.push('edit', 'changeEmail', 'delete', 'tempPassword');
      actions.push(live.accessEnabled ? 'disable' : 'enable');
      const usable = kind === 'awaiting' || kind === 'active' || kind === 'locked';
      if (usable && i.hasEmail && !activated) actions.push('sendActivation');
      if (usable && i.hasEmail) actions.push('sendReset');
      if (kind === 'locked') actions.push('unlock');
    }
  }

  return {
    kind,
    reasons,
    group,
    invited,
    activated,
    invitationRequestedAt: live?.invitationRequestedAt ?? null,
    invitationSentAt: state?.invitedAt ?? null,
    resetRequestedAt: live?.resetRequestedAt ?? null,
    tempPasswordExpiresAt: temp === 'none' ? null : (live?.tempPasswordExpiresAt ?? null),
    lastSignInAt: state?.lastSignInAt ?? null,
    failedAttempts: state?.failedAttempts ?? 0,
    lockedAt: locked ? (state?.lockedAt ?? null) : null,
    unlockRequestedAt: locked ? (live?.unlockRequestedAt ?? null) : null,
    actions,
  };
}

/** The temporary password's state at `now` (ISO timestamps compare as text). */
export function tempPasswordState(hash: string | null, expiresAt: Timestamp | null, now: Timestamp): TempPasswordState {
  if (!hash || !expiresAt) return 'none';
  return expiresAt > now ? 'valid' : 'expired';
}
