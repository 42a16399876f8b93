import type { KeyChangeResult } from '../../common/api/keys';
import { DomainError } from '../../common/result';
import type { AuditInput } from '../../db/audit';
import { runCommand } from '../../db/command';
import { clearLockLocally, getKeys, searchKeys, studiesOfKeys, usageOfKeys } from '../../db/queries/issuedKeys';
import { commandContext, type CallContext } from '../context';
import type { Handlers } from '../dispatcher';
import { views } from './keys';

/**
 * Issue 3: "locks a code after 5 misses (audited; staff can see and unlock it)". The lock lives in
 * the hub-owned usage row, so Unlock is a command to the hub (`keys.unlock`) carrying the version
 * of the row staff saw: the first unlock wins there, a stale one comes back as a conflict. The
 * list shows the key unlocked at once; the hub's answer arrives by pull.
 */
export const keyUnlockHandlers: Pick<Handlers, 'keys.unlock'> = {
  'keys.unlock': ({ ids }, ctx: CallContext): KeyChangeResult => {
    const { store } = ctx.app;
    const unique = [...new Set(ids)];
    const { unlocked, now } = runCommand(commandContext(ctx), {
      run: (w) => {
        const keys = getKeys(w.store, unique);
        if (keys.length !== unique.length) throw new DomainError('not_found', 'an issued key was not found', { key: 'keys.errors.keyNotFound' });
        const locked = usageOfKeys(w.store, unique).filter((u) => u.locked_at !== null);
        for (const u of locked) {
          clearLockLocally(w.store, u.id);
          w.mutate('keys.unlock', { keyId: u.key_id, usageId: u.id, baseVersion: u.version }, [{ entity: 'issued_key_usage', id: u.id }]);
        }
        const studies = studiesOfKeys(w.store, locked.map((u) => u.key_id));
        const unlocked = locked.map((u) => ({
          keyId: u.key_id,
          misses: u.misses,
          patientId: keys.find((k) => k.id === u.key_id)?.patient_id ?? null,
          accessions: studies.filter((s) => s.key_id === u.key_id).map((s) => s.accession_number),
        }));
        return { unlocked, now: w.now };
      },
      audit: ({ unlocked: list }) =>
        list.map((k): AuditInput => ({
          action: 'key.unlock',
          patientId: k.patientId,
          entityType: 'issued_key',
          entityId: k.keyId,
          detail: `studies ${k.accessions.join(',')}; after ${k.misses} wrong dates of birth`,
        })),
    });
    const rows = searchKeys(store, { ids: unique, now, limit: unique.length }).rows;
    return { changed: unlocked.length, unchanged: unique.length - unlocked.length, keys: views(ctx, rows, now) };
  },
};
