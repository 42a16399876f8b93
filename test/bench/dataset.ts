import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { newId } from '../../common/ids';
import { insertStaff } from '../../db/queries/staff';
import { generateClinicData } from '../../db/seed/generate';
import { createPortalApp, DB_FILE } from '../../main/app';
import { silentLogger } from '../../main/log';
import { hashPassword, SCRYPT_DEFAULT } from '../../main/passwords';
import { staffRow } from '../../main/services/setup';

export const BENCH_SEED = 20260101;
export const BENCH_PATIENTS = Number(process.env.PORTAL_BENCH_PATIENTS ?? 100_000);
export const BENCH_USER = 'bench';
export const BENCH_PASSWORD = 'a bench staff member searching';
/** The generator's "today", fixed so that the cached file is the same on every machine. */
const BENCH_NOW = Date.UTC(2026, 0, 1);

export const benchDir = () => join(tmpdir(), 'portal-desk-bench');

/**
 * The benchmark clinic (BENCH_PATIENTS synthetic patients with studies and reports, and one
 * front-desk user), generated once per seed and size and cached, since 100k take a while.
 */
export async function cachedClinic(seed = BENCH_SEED, patients = BENCH_PATIENTS): Promise<string> {
  const file = join(benchDir(), `clinic-seed${seed}-n${patients}.db`);
  if (existsSync(file)) return file;
  mkdirSync(benchDir(), { recursive: true });
  const work = mkdtempSync(join(benchDir(), 'generating-'));
  const started = performance.now();
  process.stdout.write(`generating ${patients} patients (seed ${seed}) once into ${file}…\n`);
  const portal = createPortalApp({ dataDir: work, appVersion: 'bench', scrypt: SCRYPT_DEFAULT }, { log: silentLogger });
  const { store } = portal.app;
  const clinicId = newId();
  const at = new Date(BENCH_NOW).toISOString();
  store.run(store.k.insertInto('clinic').values({ id: clinicId, name: 'Benchmark Clinic', created_at: at, version: 0, deleted_at: null }));
  const hash = await hashPassword(BENCH_PASSWORD);
  insertStaff(store, staffRow({ clinicId, username: BENCH_USER, displayName: 'Bench Front', passwordHash: hash, roles: ['front_desk'] }, at), ['front_desk']);
  const summary = generateClinicData(store, { seed, patients, clinicId, now: BENCH_NOW });
  portal.close();
  // one self-contained file: fold the WAL back in before caching it
  const db = new Database(join(work, DB_FILE));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.close();
  renameSync(join(work, DB_FILE), file);
  rmSync(work, { recursive: true, force: true });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`generated ${summary.patients} patients, ${summary.studies} studies, ${summary.reports} reports in ${seconds} s\n`);
  return file;
}

/**
 * A data directory holding a private copy of the cached clinic (benchmarks write audit rows),
 * under `base` (a disk directory by default; /dev/shm to take the disk out of the figures).
 */
export function freshDataDir(clinicFile: string, base = benchDir()): { dir: string; cleanup(): void } {
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, 'run-'));
  copyFileSync(clinicFile, join(dir, DB_FILE));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
