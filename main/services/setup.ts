import { newId } from '../../common/ids';
import type { Role } from '../../common/permissions';
import { DomainError, fieldError } from '../../common/result';
import { normalizeUsername, usernameProblem } from '../../common/rules/username';
import { runCommand } from '../../db/command';
import { putSetting } from '../../db/queries/settings';
import { countStaff, insertStaff, rolesText } from '../../db/queries/staff';
import { seedPortalDemo } from '../../db/seed/portal';
import { seedResultRequests } from '../../db/seed/requests';
import type { Store } from '../../db/store';
import { commandContext } from '../context';
import { queueDemoHubRows } from './demoHub';
import type { Handlers } from '../dispatcher';
import { hashPassword } from '../passwords';
import { openSession, passwordProblem } from './auth';
import { DEMO_ACCOUNTS, DEMO_DISPLAY_NAMES, DEMO_PATIENTS, DEMO_SEED } from './demo';
import { stateOf } from './session';

function assertEmpty(store: Store): void {
  if (countStaff(store) > 0) {
    throw new DomainError('conflict', 'this data directory is already set up', { key: 'errors.alreadySetUp' });
  }
}

export interface NewStaff {
  clinicId: string;
  username: string;
  displayName: string;
  passwordHash: string;
  roles: Role[];
  mustChangePassword?: boolean;
  portalAuthorised?: boolean;
}

export function staffRow(s: NewStaff, now: string) {
  return {
    id: newId(),
    clinic_id: s.clinicId,
    username: s.username,
    display_name: s.displayName,
    password_hash: s.passwordHash,
    must_change_password: s.mustChangePassword ? 1 : 0,
    disabled: 0,
    portal_authorised: s.portalAuthorised ? 1 : 0,
    roles: rolesText(s.roles),
    failed_attempts: 0,
    throttle_until: null,
    locked_at: null,
    last_sign_in_at: null,
    created_at: now,
    updated_at: now,
    version: 0,
    deleted_at: null,
  };
}

export const setupHandlers: Pick<Handlers, 'setup.createAdmin' | 'setup.openDemo'> = {
  'setup.createAdmin': async (input, ctx) => {
    const { store } = ctx.app;
    assertEmpty(store);
    const username = normalizeUsername(input.username);
    const uProblem = usernameProblem(username);
    if (uProblem) throw fieldError('username', uProblem, 'username is not valid');
    const problem = passwordProblem(input.password, username);
    if (problem) throw problem;
    const hash = await hashPassword(input.password, ctx.app.config.scrypt);
    const admin = runCommand(commandContext(ctx), {
      run: (w) => {
        assertEmpty(w.store);
        const clinicId = newId();
        w.store.run(w.store.k.insertInto('clinic').values({ id: clinicId, name: input.clinicName, created_at: w.now, version: 0, deleted_at: null }));
        const row = staffRow({ clinicId, username, displayName: input.displayName, passwordHash: hash, roles: ['portal_admin'], portalAuthorised: true }, w.now);
        insertStaff(w.store, row, ['portal_admin']);
        putSetting(w.store, 'app.demo', false, row.id, w.now);
        return row;
      },
      audit: (row) => ({ action: 'setup.firstAdmin', entityType: 'staff', entityId: row.id }),
    });
    // the person who just chose the password is signed in with it
    openSession(ctx, admin);
    ctx.app.events.emitTo(ctx.client.clientId, 'session.changed', { reason: 'signedIn' });
    return stateOf(ctx);
  },

  'setup.openDemo': async (_input, ctx) => {
    const { store, clock } = ctx.app;
    assertEmpty(store);
    // loaded on first use: the generator and its fake-name tables would slow every start-up
    const { generateClinicData } = await import('../../db/seed/generate');
    const hashes = await Promise.all(DEMO_ACCOUNTS.map((a) => hashPassword(a.password, ctx.app.config.scrypt)));
    runCommand(commandContext(ctx), {
      run: (w) => {
        assertEmpty(w.store);
        const clinicId = newId();
        w.store.run(w.store.k.insertInto('clinic').values({ id: clinicId, name: 'Demo Clinic', created_at: w.now, version: 0, deleted_at: null }));
        DEMO_ACCOUNTS.forEach((a, i) => {
          const row = staffRow({
            clinicId,
            username: a.username,
            displayName: DEMO_DISPLAY_NAMES[a.username] ?? a.username,
            passwordHash: hashes[i] as string,
            roles: [a.role],
            portalAuthorised: a.role !== 'media_management',
          }, w.now);
          insertStaff(w.store, row, [a.role]);
        });
        putSetting(w.store, 'app.demo', true, null, w.now);
        putSetting(w.store, 'portal.enabled', true, null, w.now);
        putSetting(w.store, 'portal.displayName', 'Demo Clinic patient portal', null, w.now);
        generateClinicData(w.store, { seed: DEMO_SEED, patients: DEMO_PATIENTS, clinicId, now: clock.now() });
        seedPortalDemo(w.store, { now: clock.now() });
        seedResultRequests(w.store, { clinicId, now: clock.now() });
        return clinicId;
      },
      audit: (id) => ({ action: 'setup.demoClinic', entityType: 'clinic', entityId: id }),
    });
    const hub = ctx.app.config.embeddedHub;
    if (hub?.bootstrapCode) {
      // the demo plays both sides on one machine: its own hub, enrolled at once
      // what patients would have done on the hub (requests, activations) goes there as demo data
      const sendDemoRows = () => runCommand(commandContext(ctx), { run: (w) => queueDemoHubRows(w), audit: { action: 'setup.demoHubData' } });
      await ctx.app.sync.enroll(hub.url, hub.bootstrapCode, 'demo workstation', sendDemoRows).catch((err: unknown) =>
        ctx.app.log.warn('demo.enrollFailed', { error: err instanceof Error ? err.message : 'unknown' }),
      );
    }
    return stateOf(ctx);
  },
};
