import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../db/init';
import { generateClinicData } from '../../db/seed/generate';
import { seedResultRequests } from '../../db/seed/requests';
import type { Store } from '../../db/store';
import { tempDir } from '../helpers/tmp';

const NOW = Date.parse('2026-11-22T09:00:00.000Z');
let tmp: ReturnType<typeof tempDir>;

function demoStore(name: string): Store {
  const store = openStore(join(tmp.dir, name));
  store.sqlite.prepare("INSERT INTO clinic (id, name, created_at) VALUES ('c1', 'Demo', '2026-01-01T00:00:00.000Z')").run();
  generateClinicData(store, { seed: 20261122, patients: 50, clinicId: 'c1', now: NOW });
  seedResultRequests(store, { clinicId: 'c1', now: NOW });
  return store;
}

beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

describe('demo result requests', () => {
  it('gives four patients with two or more final reports an open request, and one request matches no patient', () => {
    const store = demoStore('a.db');
    const rows = store.sqlite.prepare('SELECT * FROM result_request ORDER BY created_at').all() as Array<Record<string, string | null>>;
    expect(rows).toHaveLength(6);
    expect(rows.filter((r) => r.status === 'new')).toHaveLength(5);
    const unmatched = rows.filter((r) => r.patient_id === null && r.account_id === null);
    expect(unmatched).toHaveLength(1);
    expect(unmatched[0]).toMatchObject({ requester_family_name: 'Ukendtsen', status: 'new' });
    for (const r of rows.filter((x) => x.patient_id)) {
      const finals = store.sqlite
        .prepare("SELECT count(*) AS n FROM study s JOIN report r ON r.study_id = s.id AND r.status = 'final' WHERE s.patient_id = ?")
        .get(r.patient_id) as { n: number };
      expect(finals.n).toBeGreaterThanOrEqual(2);
    }
    store.close();
  });

  it('is deterministic: the same clinic gives the same requests, ids included', () => {
    const a = demoStore('a.db');
    const b = demoStore('b.db');
    const dump = (s: Store) => s.sqlite.prepare('SELECT * FROM result_request ORDER BY id').all();
    expect(dump(a)).toEqual(dump(b));
    a.close();
    b.close();
  });
});
