import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../common/ids';
import { DomainError } from '../../common/result';
import { runCommand } from '../../db/command';
import { openStore } from '../../db/init';
import type { Store } from '../../db/store';
import { TestClock } from '../helpers/clock';
import { tempDir } from '../helpers/tmp';

let store: Store;
let tmp: ReturnType<typeof tempDir>;
const clock = new TestClock();
const actor = { staffId: 'staff-1', workstationId: 'ws-1' };

beforeEach(() => {
  tmp = tempDir();
  store = openStore(join(tmp.dir, 'c.db'));
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

const clinic = (w: { store: Store; now: string }, name: string) => {
  const id = newId();
  w.store.run(w.store.k.insertInto('clinic').values({ id, name, created_at: w.now, version: 0, deleted_at: null }));
  return id;
};
const count = (table: 'clinic' | 'audit_event' | 'sync_outbox') =>
  (store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('the write path', () => {
  it('writes domain rows, then the audit event, then the outbox mutation, in one transaction', () => {
    const id = runCommand({ store, actor, clock }, {
      run: (w) => {
        const id = clinic(w, 'North');
        w.mutate('conflicts.ack', { ids: [id] });
        return id;
      },
      audit: (id) => ({ action: 'clinic.create', entityType: 'clinic', entityId: id }),
    });
    expect(count('clinic')).toBe(1);
    const audit = store.sqlite.prepare('SELECT * FROM audit_event').get() as Record<string, unknown>;
    expect(audit).toMatchObject({ action: 'clinic.create', staff_id: 'staff-1', workstation_id: 'ws-1', entity_id: id, outcome: 'ok' });
    const outbox = store.sqlite.prepare('SELECT * FROM sync_outbox').get() as Record<string, unknown>;
    expect(outbox).toMatchObject({ mutation_id: 1, name: 'conflicts.ack', state: 'pending' });
    expect(JSON.parse(outbox.args as string)).toEqual({ ids: [id] });
    expect(audit.at).toBe(outbox.created_at);
  });

  it('a failed precondition writes nothing at all: no row, no audit, no mutation id used', () => {
    expect(() =>
      runCommand({ store, actor, clock }, {
        run: (w) => {
          clinic(w, 'South');
          w.mutate('conflicts.ack', { ids: ['c'] });
          throw new DomainError('conflict', 'no');
        },
        audit: { action: 'clinic.create' },
      }),
    ).toThrow(DomainError);
    expect([count('clinic'), count('audit_event'), count('sync_outbox')]).toEqual([0, 0, 0]);
    runCommand({ store, actor, clock }, { run: (w) => w.mutate('conflicts.ack', { ids: ['x'] }), audit: { action: 'x' } });
    expect((store.sqlite.prepare('SELECT mutation_id FROM sync_outbox').get() as { mutation_id: number }).mutation_id).toBe(1);
  });

  it('mutation ids are gapless across commands', () => {
    for (let i = 0; i < 5; i++) {
      runCommand({ store, actor, clock }, { run: (w) => { w.mutate('conflicts.ack', { ids: [`a${i}`] }); w.mutate('conflicts.ack', { ids: [`b${i}`] }); }, audit: { action: 'x' } });
    }
    const ids = (store.sqlite.prepare('SELECT mutation_id FROM sync_outbox ORDER BY mutation_id').all() as Array<{ mutation_id: number }>).map((r) => r.mutation_id);
    expect(ids).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
