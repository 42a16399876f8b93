import { DomainError } from '../../common/result';
import { autoDecision, type AutoDecision } from '../../common/rules/autoApproval';
import { rankCandidates } from '../../common/rules/identityMatch';
import { PORTAL_RIGHTS } from '../../common/settings';
import { runCommand } from '../../db/command';
import { candidatePatients, chartFacts, enteredFacts, loginRequestById, unreviewedLoginRequests, type LoginRequestDbRow } from '../../db/queries/loginRequests';
import { accountsSharingEmail, liveAccount } from '../../db/queries/portal';
import { getSetting } from '../../db/queries/settings';
import type { Store } from '../../db/store';
import type { AppContext } from '../context';
import { approveWrite } from './loginRequestWrite';

/**
 * Automatic approval (seed 002 "Anmodning om oprettelse godkendes automatisk"): with
 * portal.selfRegistration = 'automaticStrong', each request that arrives by sync is decided by
 * the rule of common/rules/autoApproval.ts, without staff. Approved ones get their account with
 * ids derived from the request, so that two workstations doing this at once send the same
 * decision; the rest are sent back as `loginRequests.review` with the reason, for the screen.
 */
function decide(store: Store, r: LoginRequestDbRow): AutoDecision {
  const charts = candidatePatients(store, r);
  return autoDecision({
    verification: r.verification === 'strong' ? 'strong' : 'email',
    createsPatient: getSetting(store, 'portal.autoApproveCreatesPatient'),
    match: rankCandidates(enteredFacts(r), charts.map((p) => ({ id: p.id, facts: chartFacts(p) }))),
    hasAccount: (id) => !!liveAccount(store, id),
    emailShared: (except) => accountsSharingEmail(store, r.email, except ?? '') > 0,
  });
}

/** Decides every request automatic approval has not seen; returns how many it decided or passed to staff. */
export function reviewArrivals(app: Pick<AppContext, 'store' | 'clock' | 'workstationId'>): number {
  const { store } = app;
  if (getSetting(store, 'portal.selfRegistration') !== 'automaticStrong' || !getSetting(store, 'portal.enabled')) return 0;
  const actor = { staffId: null, workstationId: app.workstationId };
  let done = 0;
  for (const seen of unreviewedLoginRequests(store)) {
    const decision = decide(store, seen);
    const offered = getSetting(store, 'portal.offeredRights');
    const rights = PORTAL_RIGHTS.filter((x) => seen[`right_${x}`] === 1 && offered.includes(x));
    try {
      runCommand({ store, actor, clock: app.clock }, {
        run: (w) => {
          const r = loginRequestById(w.store, seen.id);
          if (!r || r.status !== 'new' || r.manual_reason) return null;
          if (decision.kind === 'manual') {
            w.store.run(w.store.k.updateTable('login_request').set({ manual_reason: decision.reason }).where('id', '=', r.id));
            w.mutate('loginRequests.review', { id: r.id, baseVersion: r.version, manualReason: decision.reason }, [{ entity: 'login_request', id: r.id }]);
            return { manual: decision.reason };
          }
          const patient = decision.kind === 'approve' ? { id: decision.patientId } : ({ createNew: true } as const);
          return { approved: approveWrite(w, r, { patient, rights }, { decidedBy: null, automatic: true }) };
        },
        audit: (x) => {
          if (!x) return [];
          if ('manual' in x) return { action: 'registrations.leftToStaff', entityType: 'login_request', entityId: seen.id, detail: `reason: ${x.manual}` };
          const a = x.approved;
          return [
            ...(a.newPatient ? [{ action: 'patient.create', patientId: a.patientId, entityType: 'patient', entityId: a.patientId, detail: 'from a login request, automatically' }] : []),
            { action: 'registrations.autoApprove', patientId: a.patientId, entityType: 'login_request', entityId: seen.id, detail: `account ${a.accountId}; rights: ${a.rights.join(',') || 'none'}` },
          ];
        },
      });
      done++;
    } catch (err) {
      // a rule of the write path refused (the portal turned off meanwhile): the request stays for staff
      if (!(err instanceof DomainError)) throw err;
    }
  }
  return done;
}

/**
 * Runs automatic approval whenever requests (or settings) arrive or change; the sync client is
 * nudged so the decisions reach the hub in the round that follows.
 */
export function attachAutoApproval(app: AppContext): () => void {
  let busy = false;
  return app.events.attach('auto-approval', (event, payload) => {
    if (busy || event !== 'data.changed') return;
    const entities = (payload as { entities: string[] }).entities;
    if (!entities.includes('login_request') && !entities.includes('setting')) return;
    busy = true;
    try {
      if (reviewArrivals(app) > 0) {
        app.events.broadcast('data.changed', { entities: ['login_request', 'portal_account'] });
        app.sync.nudge();
      }
    } catch (err) {
      app.log.error('registrations.autoApproval.failed', { error: err instanceof Error ? err.name : 'unknown' });
    } finally {
      busy = false;
    }
  });
}
