/* eslint-disable no-console -- a benchmark prints its figures */
/**
 * Issued keys search at scale: 1M issued keys over ~300k studies. p95 of the Issued keys search
 * (Issuer ID + issued date range; patient name) through the dispatcher, beside the raw prepared
 * statements it runs. Goal: p95 ≤ 5 ms, dispatcher/raw ≤ 2.
 *
 *   npx tsx test/bench/issued-keys.bench.ts [--keys 1000000] [--patients 120000] [--runs 1000] [--keep DIR]
 *
 * --keep DIR keeps the data directory; run again with the same DIR to measure without
 * generating again (the data takes minutes to build).
 *
 * Keys are inserted directly (no scrypt per key: the hash is not what is measured); everything
 * else is the real app on a real SQLite file with the production pragmas.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { newId } from '../../common/ids';
import { DAY_MS, toTimestamp } from '../../common/time';
import { insertAudit } from '../../db/audit';
import { keySearchSql, studiesOfKeys, type KeySearch } from '../../db/queries/issuedKeys';
import { putSetting } from '../../db/queries/settings';
import { insertStaff } from '../../db/queries/staff';
import { generateClinicData } from '../../db/seed/generate';
import { createPortalApp } from '../../main/app';
import { silentLogger } from '../../main/log';
import type { Store } from '../../db/store';
import { hashPassword } from '../../main/passwords';
import { staffRow } from '../../main/services/setup';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const KEYS = arg('keys', 1_000_000);
const PATIENTS = arg('patients', 120_000);
const RUNS = arg('runs', 1_000);
const keepAt = process.argv.indexOf('--keep');
const dir = keepAt >= 0 ? (process.argv[keepAt + 1] as string) : mkdtempSync(join(tmpdir(), 'bench-keys-'));
const ISSUERS = Array.from({ length: 20 }, (_, i) => `staff${String(i).padStart(2, '0')}`);
const NOW = Date.parse('2026-11-22T09:00:00.000Z');
const SPAN_DAYS = 730;
const DONE = 'issued-keys.bench.done';

let seed = 42;
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

interface Sample {
  wall: number;
  cpu: number;
}

/** Runs `fn` once, timing elapsed and CPU milliseconds. */
function measure<T>(fn: () => T): Sample & { value: T } {
  const wall0 = performance.now();
  const cpu0 = process.cpuUsage();
  const value = fn();
  const cpu = process.cpuUsage(cpu0);
  return { value, wall: performance.now() - wall0, cpu: (cpu.user + cpu.system) / 1000 };
}

class Series {
  private readonly samples: Record<'wall' | 'cpu', number[]> = { wall: [], cpu: [] };
  /** One sample: the sum of the parts (e.g. search + studies + audit). */
  add(...parts: Sample[]): void {
    this.samples.wall.push(parts.reduce((n, p) => n + p.wall, 0));
    this.samples.cpu.push(parts.reduce((n, p) => n + p.cpu, 0));
  }
  pct(kind: 'wall' | 'cpu', p: number): number {
    const sorted = [...this.samples[kind]].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  }
  p95(kind: 'wall' | 'cpu'): number {
    return this.pct(kind, 95);
  }
  line(): string {
    const f = (n: number) => n.toFixed(2).padStart(7);
    return `wall p50 ${f(this.pct('wall', 50))} p95 ${f(this.pct('wall', 95))} ms | cpu p50 ${f(this.pct('cpu', 50))} p95 ${f(this.pct('cpu', 95))} ms`;
  }
}

/** A clinic of PATIENTS patients (~2.5 studies each) and KEYS issued keys over two years. */
function buildData(store: Store): { clinicId: string; studyCount: number } {
  const t0 = performance.now();
  const clinicId = newId();
  store.run(store.k.insertInto('clinic').values({ id: clinicId, name: 'Bench', created_at: toTimestamp(NOW), version: 0, deleted_at: null }));
  putSetting(store, 'portal.enabled', true, null, toTimestamp(NOW));
  const summary = generateClinicData(store, { seed: 7, patients: PATIENTS, clinicId, now: NOW });
  console.log(`clinic: ${summary.patients} patients, ${summary.studies} studies in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const studies = store.sqlite.prepare('SELECT id, patient_id FROM study').all() as Array<{ id: string; patient_id: string }>;
  const byPatient = new Map<string, string[]>();
  for (const s of studies) byPatient.set(s.patient_id, [...(byPatient.get(s.patient_id) ?? []), s.id]);
  const t1 = performance.now();
  const insertKey = store.sqlite.prepare(
    `INSERT INTO issued_key (id, clinic_id, patient_id, account_id, request_id, origin, code_lookup, code_hash, issued_by, issuer_username,
       issued_at, expires_at, disabled_at, disabled_by, disabled_reason, updated_at)
     VALUES (?, ?, ?, NULL, NULL, 'staff', ?, 'scrypt$16384$8$1$bench$bench', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertKeyStudy = store.sqlite.prepare(
    'INSERT INTO issued_key_study (id, clinic_id, key_id, study_id, images_ready_at, report_ready_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertUsage = store.sqlite.prepare(
    'INSERT INTO issued_key_usage (id, clinic_id, key_id, redemptions, last_used_at, misses, locked_at) VALUES (?, ?, ?, 1, ?, ?, ?)',
  );
  const batch = 50_000;
  for (let start = 0; start < KEYS; start += batch) {
    store.tx(() => {
      for (let i = start; i < Math.min(KEYS, start + batch); i++) {
        const study = pick(studies);
        const issuedMs = NOW - Math.floor(rand() * SPAN_DAYS * DAY_MS);
        const issued = toTimestamp(issuedMs);
        const issuer = pick(ISSUERS);
        const disabled = rand() < 0.05 ? issued : null;
        const id = newId();
        insertKey.run(id, clinicId, study.patient_id, Math.floor(rand() * 0xffffffff).toString(16).padStart(8, '0'), `id-${issuer}`, issuer,
          issued, toTimestamp(issuedMs + 30 * DAY_MS), disabled, disabled ? `id-${issuer}` : null, disabled ? 'staff' : null, issued);
        insertKeyStudy.run(newId(), clinicId, id, study.id, issued, issued);
        const other = byPatient.get(study.patient_id)?.find((s) => s !== study.id);
        if (other && rand() < 0.4) insertKeyStudy.run(newId(), clinicId, id, other, issued, issued);
        if (rand() < 0.1) insertUsage.run(newId(), clinicId, id, issued, rand() < 0.02 ? 5 : 0, null);
      }
    });
    process.stdout.write(`\rkeys: ${Math.min(KEYS, start + batch)} / ${KEYS}`);
  }
  store.sqlite.exec('ANALYZE');
  console.log(`\nkeys inserted in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  writeFileSync(join(dir, DONE), new Date().toISOString());
  return { clinicId, studyCount: summary.studies };
}

function existingData(store: Store): { clinicId: string; studyCount: number } {
  const clinic = store.sqlite.prepare('SELECT id FROM clinic LIMIT 1').get() as { id: string };
  const n = store.sqlite.prepare('SELECT count(*) AS n FROM study').get() as { n: number };
  store.sqlite.prepare("DELETE FROM staff_role WHERE staff_id IN (SELECT id FROM staff_user WHERE username = 'bench')").run();
  store.sqlite.prepare("DELETE FROM staff_user WHERE username = 'bench'").run();
  console.log(`reusing ${dir}: ${n.n} studies`);
  return { clinicId: clinic.id, studyCount: n.n };
}

async function main() {
  const portal = createPortalApp({ dataDir: dir, appVersion: 'bench', scrypt: { N: 2 ** 10, r: 8, p: 1 } }, { log: silentLogger });
  const { store } = portal.app;
  const { clinicId, studyCount } = existsSync(join(dir, DONE)) ? existingData(store) : buildData(store);
  const staff = staffRow({ clinicId, username: 'bench', displayName: 'Bench', passwordHash: await hashPassword('bench-password-long', { N: 2 ** 10, r: 8, p: 1 }), roles: ['media_management'] }, toTimestamp(NOW));
  insertStaff(store, staff, ['media_management']);
  const client = { clientId: 'bench', transport: 'http' as const };
  const signedIn = await portal.dispatch(client, 'auth.signIn', { username: 'bench', password: 'bench-password-long' });
  if (!signedIn.ok) throw new Error(`sign-in failed: ${JSON.stringify(signedIn)}`);

  const familyNames = (store.sqlite.prepare('SELECT family_name FROM patient ORDER BY random() LIMIT 500').all() as Array<{ family_name: string }>).map((r) => r.family_name);
  const scenarios: Array<{ name: string; input: () => { input: Record<string, unknown>; search: Omit<KeySearch, 'now' | 'limit'> } }> = [
    {
      name: 'issuer + issued date range (30 days)',
      input: () => {
        const issuer = pick(ISSUERS);
        const fromMs = NOW - Math.floor(rand() * (SPAN_DAYS - 30)) * DAY_MS - 30 * DAY_MS;
        const from = toTimestamp(fromMs);
        const to = toTimestamp(fromMs + 30 * DAY_MS);
        return { input: { issuer, from, to }, search: { issuer, from, to } };
      },
    },
    {
      name: 'patient name (a family name)',
      input: () => {
        const text = pick(familyNames);
        return { input: { text }, search: { text } };
      },
    },
  ];

  const limit = 100; // keys.search's default page
  const now = toTimestamp(Date.now());
  console.log(`\nIssued keys search, ${RUNS} runs each (limit ${limit} rows), ${KEYS} keys, ${studyCount} studies`);
  console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} cores`);
  console.log('wall = elapsed time (what staff wait, includes waiting for a busy CPU and the audit fsync);');
  console.log('cpu  = this process\'s CPU time for the same call (what it costs on an idle machine)');
  for (const sc of scenarios) {
    const series = { raw: new Series(), rawStudies: new Series(), rawAudited: new Series(), dispatcher: new Series() };
    let rows = 0;
    for (let i = 0; i < RUNS + 50; i++) {
      const keep = i >= 50;
      const { input, search } = sc.input();
      const { sql, params } = keySearchSql({ ...search, now, limit });
      const stmt = store.prepare(sql);
      const main = measure(() => stmt.all(...params) as Array<{ id: string }>);
      const studies = measure(() => studiesOfKeys(store, main.value.slice(0, limit).map((r) => r.id)));
      const audit = measure(() =>
        insertAudit(store, { staffId: staff.id, workstationId: portal.app.workstationId }, now, { action: 'bench.audit', detail: `${main.value.length} keys` }),
      );
      const wall0 = performance.now();
      const cpu0 = process.cpuUsage();
      const r = await portal.dispatch(client, 'keys.search', input);
      const cpu = process.cpuUsage(cpu0);
      const dispatched = { wall: performance.now() - wall0, cpu: (cpu.user + cpu.system) / 1000 };
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      if (!keep) continue;
      series.raw.add(main);
      series.rawStudies.add(main, studies);
      series.rawAudited.add(main, studies, audit);
      series.dispatcher.add(dispatched);
      rows += (r.value as { rows: unknown[] }).rows.length;
    }
    console.log(`\n${sc.name}: ${(rows / RUNS).toFixed(0)} rows on average`);
    console.log(`  raw search statement             ${series.raw.line()}`);
    console.log(`  raw search + studies statements  ${series.rawStudies.line()}`);
    console.log(`  raw + audit insert (FULL sync)   ${series.rawAudited.line()}`);
    console.log(`  through the dispatcher           ${series.dispatcher.line()}`);
    const ratio = (k: 'wall' | 'cpu') => (series.dispatcher.p95(k) / series.rawStudies.p95(k)).toFixed(2);
    console.log(`  p95 dispatcher / raw statements: wall ${ratio('wall')}, cpu ${ratio('cpu')}; dispatcher p95 ≤ 5 ms: wall ${series.dispatcher.p95('wall') <= 5 ? 'met' : 'NOT met'}, cpu ${series.dispatcher.p95('cpu') <= 5 ? 'met' : 'NOT met'}`);
  }
  console.log(`\nload average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  portal.close();
  if (keepAt < 0) rmSync(dir, { recursive: true, force: true });
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
