/**
 * Sync throughput, beside what raw SQLite does on the same machine:
 *   npx tsx test/bench/sync.bench.ts
 * BENCH_PUSH (default 20,000 mutations) and BENCH_PATIENTS (default 100,000) size the runs;
 * BENCH_PROFILE=push|pull|upload|snapshot writes a CPU profile of that phase to the current directory.
 *
 * Everything is real: the hub in its own process serving HTTP on 127.0.0.1 (hubProcess.ts), the
 * workstation's SyncClient with its HTTP transport, SQLite files in the system temp directory with
 * WAL and synchronous=FULL. On a shared machine the wall-clock figures depend on what else runs,
 * so the CPU time of each side is printed too (hub CPU s: the hub process; ws CPU s: this one).
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { newId } from '../../common/ids';
import { pickSynced } from '../../common/sync/entities';
import { toTimestamp } from '../../common/time';
import { appendOutbox } from '../../db/command';
import { writePatient, type PatientWrite } from '../../db/queries/patients';
import { generateClinicData } from '../../db/seed/generate';
import type { Store } from '../../db/store';
import { credentialOf, enrollWorkstation } from '../../main/sync/enroll';
import { httpTransport } from '../../main/sync/http';
import { TransportError, type SyncTransport } from '../../main/sync/transport';
import { workstation, type Workstation } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';

const PUSH = Number(process.env.BENCH_PUSH ?? 20_000);
const PATIENTS = Number(process.env.BENCH_PATIENTS ?? 100_000);
const NOW = Date.parse('2026-11-20T00:00:00Z');
const root = fileURLToPath(new URL('../..', import.meta.url));

interface Row {
  measure: string;
  count: number;
  seconds: number;
  cpu: number;
  hubCpu: number;
  goal?: number;
}
const rows: Row[] = [];
const notes: string[] = [];

/** The hub process: its URL, and enrollment codes on request. */
type HubProcess = { url: string; code(clinicId?: string): Promise<string>; cpu(): Promise<number>; stop(): Promise<void> };
async function startHub(dataDir: string): Promise<HubProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/bench/hubProcess.ts'), dataDir], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (word: string) => {
    const { value } = await lines.next();
    if (typeof value !== 'string' || !value.startsWith(`${word} `)) throw new Error(`the hub process said "${String(value)}"`);
    return value.slice(word.length + 1);
  };
  const url = await next('url');
  return {
    url,
    code: (clinicId) => {
      child.stdin.write(`code ${clinicId ?? ''}\n`);
      return next('code');
    },
    cpu: async () => {
      child.stdin.write('cpu\n');
      return Number(await next('cpu'));
    },
    stop: () => new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.stdin.write('quit\n');
    }),
  };
}

/** Runs one measured phase: wall and CPU time, under the CPU profiler when BENCH_PROFILE names it. */
async function measure(hub: HubProcess, name: string, row: Omit<Row, 'seconds' | 'cpu' | 'hubCpu'>, fn: () => Promise<void>): Promise<void> {
  const profile = process.env.BENCH_PROFILE === name ? new Session() : null;
  const post = (method: string) => new Promise<unknown>((resolve, reject) => profile?.post(method, (err, r) => (err ? reject(err) : resolve(r))));
  if (profile) {
    profile.connect();
    await post('Profiler.enable');
    await post('Profiler.start');
  }
  const hubBefore = await hub.cpu();
  const cpu = process.cpuUsage();
  const start = performance.now();
  await fn();
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  rows.push({ ...row, seconds, cpu: (used.user + used.system) / 1e6, hubCpu: (await hub.cpu()) - hubBefore });
  if (profile) {
    writeFileSync(`sync-bench-${name}.cpuprofile`, JSON.stringify(((await post('Profiler.stop')) as { profile: unknown }).profile));
    profile.disconnect();
  }
}

/** A workstation enrolled with the hub process; a founding one brings a clinic of its own. */
async function enrolled(hub: HubProcess, opts: { clinicId?: string; transport?: (store: Store) => SyncTransport; fill?: (ws: Workstation, clinicId: string) => void } = {}) {
  const ws = workstation(hub.url, opts.transport ? { transport: opts.transport } : {});
  let clinicId = opts.clinicId;
  if (!clinicId) {
    clinicId = newId();
    ws.store.run(ws.store.k.insertInto('clinic').values({ id: clinicId, name: 'Benchklinik', created_at: toTimestamp(NOW), version: 0, deleted_at: null }));
    opts.fill?.(ws, clinicId);
  }
  const code = await hub.code(opts.clinicId);
  await enrollWorkstation(ws.store, httpTransport(hub.url, () => null), { hubUrl: hub.url, code, clock: ws.clock });
  return { ws, clinicId };
}

/** One round, tried again on a network error (a keep-alive connection the hub closed as it was reused). */
async function syncThrough(ws: Workstation): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ws.client.syncOnce();
    } catch (err) {
      if (!(err instanceof TransportError) || attempt === 3) throw err;
      notes.push(`(a round was tried again after: ${err.message})`);
    }
  }
}

/** A patient as the demo generator makes them, under a new id and record number. */
function patientLike(sample: Record<string, unknown>, clinicId: string, n: number): PatientWrite {
  const { search_text: _search, ...rest } = sample;
  return { ...rest, id: newId(), clinic_id: clinicId, mrn: `B${String(10_000_000 + n)}`, version: 0, deleted_at: null } as PatientWrite;
}
const samplesOf = (store: Store) => store.sqlite.prepare('SELECT * FROM patient ORDER BY id').all() as Array<Record<string, unknown>>;

/** Prepared INSERT of patient-shaped rows in one transaction: the ceiling for any write path here. */
function rawInsertRate(samples: Array<Record<string, unknown>>, count: number): number {
  const dir = tempDir('portal-bench-raw-');
  try {
    const db = new Database(join(dir.dir, 'raw.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const cols = Object.keys(pickSynced('patient', samples[0] as Record<string, unknown>));
    db.exec(`CREATE TABLE patient (${cols.map((c) => (c === 'id' ? 'id TEXT PRIMARY KEY' : `"${c}" ANY`)).join(', ')}) STRICT`);
    const insert = db.prepare(`INSERT INTO patient (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
    const all = Array.from({ length: count }, (_, i) => pickSynced('patient', patientLike(samples[i % samples.length] as Record<string, unknown>, 'c', i)));
    const start = performance.now();
    db.transaction(() => {
      for (const r of all) insert.run(...cols.map((c) => r[c] ?? null));
    })();
    const seconds = (performance.now() - start) / 1000;
    db.close();
    return count / seconds;
  } finally {
    dir.cleanup();
  }
}

/** PUSH new patients, each its own small rows.put, pushed by A; then pulled and applied by B. */
async function pushAndPull(hub: HubProcess): Promise<void> {
  const marks: { firstPush?: number; firstPull?: number; inPush: number } = { inPush: 0 };
  const timed = (store: Store): SyncTransport => {
    const http = httpTransport(hub.url, () => credentialOf(store));
    return {
      ...http,
      push: async (m) => {
        const start = performance.now();
        marks.firstPush ??= start;
        const r = await http.push(m);
        marks.inPush += performance.now() - start;
        return r;
      },
      pull: (req) => {
        marks.firstPull ??= performance.now();
        return http.pull(req);
      },
    };
  };
  const { ws: a, clinicId } = await enrolled(hub, { transport: timed, fill: (ws, id) => generateClinicData(ws.store, { seed: 1, patients: 20, clinicId: id, now: NOW }) });
  await syncThrough(a);
  const { ws: b } = await enrolled(hub, { clinicId });
  await syncThrough(b);
  const samples = samplesOf(a.store);
  a.store.tx(() => {
    for (let i = 0; i < PUSH; i++) {
      const row = patientLike(samples[i % samples.length] as Record<string, unknown>, clinicId, i);
      writePatient(a.store, row);
      appendOutbox(a.store, toTimestamp(NOW), 'rows.put', { put: { patient: [pickSynced('patient', row)] } });
    }
  });
  Object.assign(marks, { firstPush: undefined, firstPull: undefined, inPush: 0 });
  // the measure is the push phase of the round: from its first push to its first pull
  await measure(hub, 'push', { measure: 'push: small rows.put mutations, 100 per request', count: PUSH, goal: 5_000 }, () => syncThrough(a));
  const push = rows[rows.length - 1] as Row;
  push.seconds = ((marks.firstPull ?? 0) - (marks.firstPush ?? 0)) / 1000;
  notes.push(`push: ${(marks.inPush / 1000).toFixed(2)} s waiting for the hub's answers, ${(push.seconds - marks.inPush / 1000).toFixed(2)} s in the workstation (batches, settling); its CPU s cover the whole round, pull included`);
  await measure(hub, 'pull', { measure: 'pull-apply: changed rows from another workstation', count: PUSH }, () => syncThrough(b));
  for (const ws of [a, b]) {
    ws.close();
    rmSync(ws.dir, { recursive: true, force: true });
  }
}

/** A clinic of PATIENTS patients uploaded by its founding workstation C, then the first sync of D. */
async function upload(hub: HubProcess): Promise<void> {
  // patients only, copies of generated ones under new ids: generating 100k with faker takes
  // minutes, and their search index (which does not travel) is left out
  const fill = (ws: Workstation, clinicId: string) => {
    generateClinicData(ws.store, { seed: 7, patients: 1_000, clinicId, now: NOW });
    ws.store.tx(() => {
      ws.store.sqlite.exec('DELETE FROM report; DELETE FROM study');
      const samples = samplesOf(ws.store);
      const cols = Object.keys(samples[0] as Record<string, unknown>);
      const insert = ws.store.sqlite.prepare(`INSERT INTO patient (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
      for (let i = samples.length; i < PATIENTS; i++) {
        const row: Record<string, unknown> = { ...samples[i % samples.length], ...patientLike(samples[i % samples.length] as Record<string, unknown>, clinicId, i) };
        insert.run(...cols.map((col) => row[col] ?? null));
      }
    });
  };
  const { ws: c, clinicId } = await enrolled(hub, { fill });
  const total = (c.store.sqlite.prepare('SELECT count(*) FROM patient').pluck().get() as number) + 1;
  await measure(hub, 'upload', { measure: 'first upload: founding workstation, 200 rows per mutation', count: total }, () => syncThrough(c));
  const { ws: d } = await enrolled(hub, { clinicId });
  await measure(hub, 'snapshot', { measure: `initial sync: snapshot of a ${PATIENTS.toLocaleString('en')}-patient clinic`, count: total, goal: 30_000 }, () => syncThrough(d));
  const got = (d.store.sqlite.prepare('SELECT count(*) FROM patient').pluck().get() as number) + 1;
  if (got !== total) throw new Error(`initial sync brought ${got} rows, expected ${total}`);
  for (const ws of [c, d]) {
    ws.close();
    rmSync(ws.dir, { recursive: true, force: true });
  }
}

function print(raw: number): void {
  const fmt = (n: number) => Math.round(n).toLocaleString('en');
  const head = ['measure', 'count', 'seconds', 'hub CPU s', 'ws CPU s', 'per second', 'goal', 'raw SQLite insert/s'];
  const body = rows.map((r) => [r.measure, fmt(r.count), r.seconds.toFixed(2), r.hubCpu.toFixed(2), r.cpu.toFixed(2), fmt(r.count / r.seconds),
    r.goal ? `≥ ${fmt(r.goal)}${r.count / r.seconds >= r.goal ? ' ok' : ' MISSED'}` : '', fmt(raw)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  process.stdout.write(`\nSync: hub in its own process over HTTP on 127.0.0.1; SQLite files in the system temp directory (WAL, synchronous=FULL)\n`);
  process.stdout.write(`${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${body.map(line).join('\n')}\n`);
  for (const n of notes) process.stdout.write(`${n}\n`);
}

async function main(): Promise<void> {
  const dir = tempDir('portal-bench-hub-');
  const hub = await startHub(dir.dir);
  try {
    const sample = workstation(hub.url);
    const clinicId = newId();
    sample.store.run(sample.store.k.insertInto('clinic').values({ id: clinicId, name: 'Raw', created_at: toTimestamp(NOW), version: 0, deleted_at: null }));
    generateClinicData(sample.store, { seed: 3, patients: 500, clinicId, now: NOW });
    const raw = rawInsertRate(samplesOf(sample.store), 100_000);
    sample.close();
    rmSync(sample.dir, { recursive: true, force: true });
    await pushAndPull(hub);
    await upload(hub);
    print(raw);
  } finally {
    await hub.stop();
    dir.cleanup();
  }
}

await main();
