// `npm run demo:generate -- --data-dir DIR [--patients N] [--seed S]`: a synthetic clinic of N
// patients (with studies and reports) in a fresh data directory, for trying the app at size and for
// benchmarks. The same seed and size give the same rows. Staff: sign in after `setup` or add them
// through the first-run screen.
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { existsSync, mkdirSync } from 'node:fs';
import { newId } from '../common/ids';
import { openStore } from '../db/init';
import { generateClinicData } from '../db/seed/generate';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, patients: { type: 'string' }, seed: { type: 'string' } } });
const dir = values['data-dir'];
if (!dir) throw new Error('--data-dir is required');
const file = join(dir, 'portal-desk.db');
if (existsSync(file)) throw new Error(`${file} exists already: generate into an empty data directory`);
mkdirSync(dir, { recursive: true });
const store = openStore(file);
const clinicId = newId();
store.run(store.k.insertInto('clinic').values({ id: clinicId, name: 'Generated Clinic', created_at: new Date().toISOString(), version: 0, deleted_at: null }));
const patients = Number(values.patients ?? 1000);
const started = Date.now();
const summary = generateClinicData(store, {
  seed: Number(values.seed ?? 1),
  patients,
  clinicId,
  now: Date.now(),
  onProgress: (done) => process.stdout.write(`\r${done} / ${patients} patients`),
});
store.close();
process.stdout.write(`\n${summary.patients} patients, ${summary.studies} studies, ${summary.reports} reports in ${((Date.now() - started) / 1000).toFixed(1)} s → ${file}\n`);
