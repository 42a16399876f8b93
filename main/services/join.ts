import { DomainError } from '../../common/result';
import { nowTimestamp } from '../../common/time';
import { insertAudit } from '../../db/audit';
import { countStaff } from '../../db/queries/staff';
import type { Handlers } from '../dispatcher';
import { credentialOf } from '../sync/enroll';
import { stateOf } from './session';
import { enrollHere } from './sync';

/**
 * A new workstation of an existing clinic: enrolled with a join code, it fills from the hub's
 * snapshot (staff included, with their password hashes and roles), so the clinic's staff sign in
 * here as anywhere else. If the first sync breaks off, calling again resumes it without a new code.
 */
export const joinHandlers: Pick<Handlers, 'setup.joinClinic'> = {
  'setup.joinClinic': async ({ hubUrl, code }, ctx) => {
    const { store } = ctx.app;
    if (countStaff(store) > 0) throw new DomainError('conflict', 'this data directory is already set up', { key: 'errors.alreadySetUp' });
    const enrolled = !!credentialOf(store);
    if (!enrolled) {
      if (store.first(store.k.selectFrom('clinic').select('id').limit(1))) {
        throw new DomainError('conflict', 'this data directory holds a clinic already', { key: 'errors.alreadySetUp' });
      }
      await enrollHere(ctx, hubUrl, code);
    }
    ctx.app.sync.nudge();
    await ctx.app.sync.idle();
    if (countStaff(store) === 0) {
      throw new DomainError('conflict', `the first sync did not finish: ${ctx.app.sync.status().lastError ?? 'no staff arrived'}`, { key: 'errors.joinIncomplete' });
    }
    insertAudit(store, ctx.actor, nowTimestamp(ctx.app.clock), { action: 'setup.joinClinic', detail: new URL(hubUrl).host });
    return stateOf(ctx);
  },
};
