import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../db/init';
import { generateClinicData } from '../../db/seed/generate';
import { tempDir } from '../helpers/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function build(name: string, seed: number) {
  const store = openStore(join(tmp.dir, name));
  store.run(store.k.insertInto('clinic').values({ id: 'c', name: 'c', created_at: 'x', version: 0, deleted_at: null }));
  const summary = generateClinicData(store, { seed, patients: 200, clinicId: 'c', now: Date.parse('2026-11-22T00:00:00Z') });
  const dump = ['patient', 'study', 'report'].map((t) => store.sqlite.prepare(`SELECT * FROM ${t} ORDER BY id`).all());
  store.close();
  return { summary, dump };
}

describe('the demo data generator', () => {
  it('is deterministic: the same seed gives the same rows, ids included', () => {
    const a = build('a.db', 42);
    const b = build('b.db', 42);
    expect(a.summary.patients).toBe(200);
    expect(a.dump).toEqual(b.dump);
  });

  it('another seed gives other patients', () => {
    expect(build('c.db', 1).dump[0]).not.toEqual(build('d.db', 2).dump[0]);
  });

  it('makes studies with every report status, and some patients without email or postal code', () => {
    const { summary, dump } = build('e.db', 5);
    expect(summary.studies).toBeGreaterThan(200);
    const statuses = new Set((dump[2] as Array<{ status: string }>).map((r) => r.status));
    expect([...statuses].sort()).toEqual(['draft', 'final', 'preliminary']);
    const patients = dump[0] as Array<{ email: string | null; postal_code: string | null }>;
    expect(patients.some((p) => p.email === null)).toBe(true);
    expect(patients.some((p) => p.postal_code === null)).toBe(true);
  });
});
