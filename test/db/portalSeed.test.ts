import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newId } from '../../common/ids';
import { toTimestamp } from '../../common/time';
import { openStore } from '../../db/init';
import { accountState, latestFormer, liveAccount, statusOf } from '../../db/queries/portal';
import { generateClinicData } from '../../db/seed/generate';
import { seedPortalDemo } from '../../db/seed/portal';
import { DEMO_PATIENTS, DEMO_SEED } from '../../main/services/demo';
import { tempDir } from '../helpers/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('the demo clinic shows every portal status', () => {
  it('gives demo patients accounts in each status and colour, deterministically', () => {
    const now = Date.parse('2026-11-22T09:00:00.000Z');
    const seeded = [1, 2].map((n) => {
      const store = openStore(join(tmp.dir, `demo${n}.db`));
      const clinicId = newId();
      store.run(store.k.insertInto('clinic').values({ id: clinicId, name: 'Demo', created_at: toTimestamp(now), version: 0, deleted_at: null }));
      generateClinicData(store, { seed: DEMO_SEED, patients: DEMO_PATIENTS, clinicId, now });
      const cases = seedPortalDemo(store, { now });
      const statuses = store.all(store.k.selectFrom('patient').selectAll()).map((p) => {
        const a = liveAccount(store, p.id);
        return statusOf(true, p, a, a ? accountState(store, a.id) : undefined, !!latestFormer(store, p.id), toTimestamp(now));
      });
      const accounts = store.all(store.k.selectFrom('portal_account').select(['id', 'patient_id', 'username']).orderBy('id'));
      store.close();
      return { cases, statuses, accounts };
    });
    const [first, second] = seeded as [(typeof seeded)[0], (typeof seeded)[0]];
    const kinds = new Set(first.statuses.map((s) => s.kind));
    expect([...kinds].sort()).toEqual(['active', 'awaiting', 'disabled', 'inactive', 'locked']);
    expect(new Set(first.statuses.map((s) => s.group)).size).toBe(4);
    for (const [kind, ids] of Object.entries(first.cases)) if (kind !== 'noPostalCode') expect(ids.length, kind).toBeGreaterThan(0);
    expect(first.statuses.some((s) => s.tempPasswordExpiresAt)).toBe(true);
    expect(first.statuses.some((s) => s.reasons.includes('associationDeleted'))).toBe(true);
    expect(second.accounts).toEqual(first.accounts);
    // most of the demo is left to onboard
    expect(first.statuses.filter((s) => s.group === 'notEnabled').length).toBeGreaterThan(DEMO_PATIENTS / 2);
  });
});
