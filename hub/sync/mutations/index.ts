import type { MutationArgs, MutationName } from '../../../common/sync/mutations';
import { acknowledgeConflicts } from './conflicts';
import { sendNotification } from './notifications';
import { handleRequest } from './requests';
import { approveLoginRequest, rejectLoginRequest, reviewLoginRequest } from './loginRequests';
import { changeEmail, createAccount, deleteAccount, sendActivation, sendReset, setAccess, setTempPassword, unlockAccount, updateAccount } from './portal';
import { demoHubRows } from './demo';
import { disableKeys, enableKeys, extendKeys, issueKey, studyReady, unlockKey } from './keys';
import { putRows } from './rows';
import { putSettings } from './settings';
import type { MutationHandler } from './types';

/** The hub's handler for every mutation of common/sync/mutations.ts; a missing one fails the type check. */
export const HUB_MUTATIONS: { [N in MutationName]: MutationHandler<MutationArgs<N>> } = {
  'rows.put': putRows,
  'requests.handle': handleRequest,
  'conflicts.ack': acknowledgeConflicts,
  'settings.put': putSettings,
  'notifications.send': sendNotification,
  'portal.create': createAccount,
  'portal.update': updateAccount,
  'portal.setAccess': setAccess,
  'portal.sendActivation': sendActivation,
  'portal.sendReset': sendReset,
  'portal.unlock': unlockAccount,
  'portal.delete': deleteAccount,
  'portal.changeEmail': changeEmail,
  'portal.setTempPassword': setTempPassword,
  'keys.issue': issueKey,
  'keys.disable': disableKeys,
  'keys.enable': enableKeys,
  'keys.extend': extendKeys,
  'keys.studyReady': studyReady,
  'keys.unlock': unlockKey,
  'demo.hubRows': demoHubRows,
  'loginRequests.approve': approveLoginRequest,
  'loginRequests.reject': rejectLoginRequest,
  'loginRequests.review': reviewLoginRequest,
};
