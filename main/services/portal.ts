import { normalizeUsername, usernameProblem } from '../../common/rules/username';
import { nowTimestamp } from '../../common/time';
import { insertAudit } from '../../db/audit';
import { liveAccount, usernameTaken } from '../../db/queries/portal';
import type { Handlers } from '../dispatcher';
import { createAccount, deleteAssociation, setAccess, updateAccount } from './portalAccount';
import { loadFacts, toView } from './portalFacts';
import { onboard, onboardingList } from './portalOnboarding';
import { changeEmail, letterUsed, sendActivation, sendReset, setTempPassword, unlock } from './portalRequests';

type PortalMethod = Extract<keyof Handlers, `portal.${string}`>;

/** The portal form, the portal status and the onboarding tool (issue 5). */
export const portalHandlers: Pick<Handlers, PortalMethod> = {
  'portal.get': ({ patientId }, ctx) => {
    const { store, clock } = ctx.app;
    const now = nowTimestamp(clock);
    const view = toView(store, loadFacts(store, patientId, now));
    insertAudit(store, ctx.actor, now, { action: 'portal.read', patientId, entityType: 'patient', entityId: patientId });
    return view;
  },

  'portal.checkUsername': ({ username, patientId }, ctx) => {
    const { store } = ctx.app;
    const normalized = normalizeUsername(username);
    const problem = usernameProblem(normalized);
    const own = patientId ? liveAccount(store, patientId)?.id : undefined;
    return { username: normalized, problem, free: !problem && !usernameTaken(store, normalized, own) };
  },

  'portal.create': (input, ctx) => createAccount(input, ctx),
  'portal.update': (input, ctx) => updateAccount(input, ctx),
  'portal.setAccess': (input, ctx) => setAccess(input, ctx),
  'portal.sendActivation': (input, ctx) => sendActivation(input, ctx),
  'portal.sendReset': (input, ctx) => sendReset(input, ctx),
  'portal.unlock': (input, ctx) => unlock(input, ctx),
  'portal.delete': (input, ctx) => deleteAssociation(input, ctx),
  'portal.changeEmail': (input, ctx) => changeEmail(input, ctx),
  'portal.setTempPassword': (input, ctx) => setTempPassword(input, ctx),
  'portal.letterUsed': (input, ctx) => letterUsed(input, ctx),
  'portal.onboardingList': (input, ctx) => onboardingList(input, ctx),
  'portal.onboard': (input, ctx) => onboard(input, ctx),
};
