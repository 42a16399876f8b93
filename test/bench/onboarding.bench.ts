import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { newId } from '../../common/ids';
import { PORTAL_GROUPS } from '../../common/rules/portalStatus';
import { toTimestamp } from '../../common/time';
import { openStore } from '../../db/init';
import { putSetting } from '../../db/queries/settings';
import { generateClinicData } from '../../db/seed/generate';
import { seedPortalDemo } from '../../db/seed/portal';
import { createPortalApp } from '../../main/app';
import { silentLogger } from '../../main/log';
import { tempDir } from '../helpers/tmp';
import { TEST_PASSWORD, TEST_SCRYPT } from '../helpers/app';
import { hashPassword } from '../../main/passwords';
import { staffRow } from '../../main/services/setup';
import { insertStaff } from '../../db/queries/staff';

/**
 * The onboarding tool at 100k patients: one page of the list per filter, through the real
 * dispatcher (permission, zod, audit), and a batch of 10 invitations. Prints the median and
 * the worst of several runs of each.
 */
const PATIENTS = Number(process.env.PATIENTS ?? 100_000);
/** BENCH_DIR keeps the generated clinic between runs (generating 100k patients takes minutes). */
const keep = process.env.BENCH_DIR;
const tmp = keep ? { dir: keep, cleanup: () => undefined } : tempDir();
const now = Date.parse('2026-11-22T09:00:00.000Z');
let t0 = performance.now();
if (!existsSync(join(tmp.dir, 'portal-desk.db'))) {
  mkdirSync(tmp.dir, { recursive: true });
  const store = openStore(join(tmp.dir, 'portal-desk.db'));
  const clinicId = newId();
  store.run(store.k.insertInto('clinic').values({ id: clinicId, name: 'Bench', created_at: toTimestamp(now), version: 0, deleted_at: null }));
  generateClinicData(store, { seed: 3, patients: PATIENTS, clinicId, now });
  seedPortalDemo(store, { now });
  putSetting(store, 'portal.enabled', true, null, toTimestamp(now));
  insertStaff(store, staffRow({ clinicId, username: 'fd', displayName: 'fd', passwordHash: await hashPassword(TEST_PASSWORD, TEST_SCRYPT), roles: ['front_desk'] }, toTimestamp(now)), ['front_desk']);
  store.close();
  process.stdout.write(`generated ${PATIENTS} patients in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}

const portal = createPortalApp({ dataDir: tmp.dir, appVersion: 'bench', scrypt: TEST_SCRYPT }, { log: silentLogger });
const client = { clientId: 'bench', transport: 'http' as const };
await portal.dispatch(client, 'auth.signIn', { username: 'fd', password: TEST_PASSWORD });

async function time(label: string, method: string, input: unknown, runs = 7): Promise<unknown> {
  const ms: number[] = [];
  let value: unknown;
  for (let i = 0; i < runs; i++) {
    t0 = performance.now();
    const r = await portal.dispatch(client, method, input);
    ms.push(performance.now() - t0);
    if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
    value = r.value;
  }
  ms.sort((a, b) => a - b);
  process.stdout.write(`${label.padEnd(48)} median ${ms[Math.floor(ms.length / 2)]?.toFixed(1).padStart(7)} ms   worst ${ms.at(-1)?.toFixed(1).padStart(7)} ms\n`);
  return value;
}

await time('list, no filter, first page of 100', 'portal.onboardingList', { limit: 100 });
const deep = (await time('list, no filter, first page (for a deep cursor)', 'portal.onboardingList', { limit: 500 }, 1)) as { rows: Array<{ mrn: string; patientId: string }> };
const mid = deep.rows.at(-1);
await time('list, no filter, the page after row 500', 'portal.onboardingList', { limit: 100, after: { mrn: mid?.mrn, id: mid?.patientId } });
await time('list, no filter, the page after the 90,000th MRN', 'portal.onboardingList', { limit: 100, after: { mrn: `P${1_000_000 + PATIENTS - 10_000}`, id: '00000000-0000-7000-8000-000000000000' } });
for (const g of PORTAL_GROUPS) await time(`list, status ${g}`, 'portal.onboardingList', { groups: [g], limit: 100 });
await time('list, not enabled + has email', 'portal.onboardingList', { groups: ['notEnabled'], hasEmail: true, limit: 100 });
await time('list, has username', 'portal.onboardingList', { hasUsername: true, limit: 100 });
await time('list, study on or after 2026-10-01', 'portal.onboardingList', { studyAfter: '2026-10-01', limit: 100 });
const page = (await time('list, not enabled + email (for the batch)', 'portal.onboardingList', { groups: ['notEnabled'], hasEmail: true, limit: 100 }, 1)) as { rows: Array<{ patientId: string }> };
const ids = page.rows.map((r) => r.patientId);
for (let b = 0; b < 5; b++) await time(`onboard: a batch of 10, send (batch ${b + 1})`, 'portal.onboard', { patientIds: ids.slice(b * 10, b * 10 + 10), send: true }, 1);
await time('portal.get (the header status)', 'portal.get', { patientId: ids[0] });
portal.close();
tmp.cleanup();
