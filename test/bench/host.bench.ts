import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { BENCH_PASSWORD, BENCH_PATIENTS, BENCH_USER, cachedClinic, freshDataDir } from './dataset';
import { queryMix } from './queries';
import { jsonOut, ms, print, summarize, table } from './stats';

/**
 * The browser host on the 100k clinic: start-up (spawn → URL printed), then resident memory
 * after driving the same search mix over HTTP as staff would.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'dist/host/cli.mjs');
const STARTS = 7;
const SEARCHES = Number(process.env.PORTAL_BENCH_QUERIES ?? 3000);

if (!existsSync(CLI)) throw new Error('dist/host/cli.mjs is missing: run node scripts/build.mjs first (npm run bench does)');

interface Started {
  child: ChildProcess;
  url: string;
  ms: number;
  /** CPU time (user + system) the host had used when it printed its URL: less load-sensitive. */
  cpuMs: number;
}

/** CPU time of a process from /proc (clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The same spawn → first output for a bare `node -e`, as a yardstick of this machine right now. */
async function bareNodeMs(): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['-e', "process.stdout.write('up')"], { stdio: ['ignore', 'pipe', 'ignore'] });
  await new Promise((r) => child.stdout?.once('data', r));
  const took = performance.now() - t0;
  await new Promise((r) => child.once('exit', r));
  return took;
}

function start(dataDir: string): Promise<Started> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI, '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(out);
      if (m?.[1]) resolve({ child, url: m[1], ms: performance.now() - t0, cpuMs: cpuMsOf(child.pid as number) });
    });
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => reject(new Error(`host exited ${code}: ${out}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

const clinic = await cachedClinic();
const data = freshDataDir(clinic);
const startups: number[] = [];
const startupCpu: number[] = [];
const bare: number[] = [];
let last: Started | undefined;
for (let i = 0; i < STARTS; i++) {
  if (last) await stop(last.child);
  bare.push(await bareNodeMs());
  last = await start(data.dir);
  startups.push(last.ms);
  startupCpu.push(last.cpuMs);
}
const host = last as Started;
const afterStart = memoryOf(host.child.pid as number);

const { origin, hash } = new URL(host.url);
const token = hash.replace('#token=', '');
const headers = { 'x-portal-token': token, 'content-type': 'application/json' };
const { clientId } = (await (await fetch(`${origin}/api/connect`, { method: 'POST', headers })).json()) as { clientId: string };
async function call(method: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: unknown }> {
  const res = await fetch(`${origin}/api/call`, { method: 'POST', headers: { ...headers, 'x-portal-client': clientId }, body: JSON.stringify({ method, input }) });
  return (await res.json()) as { ok: boolean };
}
const signedIn = await call('auth.signIn', { username: BENCH_USER, password: BENCH_PASSWORD });
if (!signedIn.ok) throw new Error(`bench sign-in failed: ${JSON.stringify(signedIn.error)}`);

const db = new Database(clinic, { readonly: true });
const queries = queryMix(db, SEARCHES, 11);
db.close();
const http: number[] = [];
for (const q of queries) {
  const t = performance.now();
  const r = await call('patients.search', { text: q.text, limit: 50 });
  http.push(performance.now() - t);
  if (!r.ok) throw new Error(`search failed: ${JSON.stringify(r.error)}`);
}
const afterSearches = memoryOf(host.child.pid as number);
await stop(host.child);
data.cleanup();

const s = summarize(startups);
const h = summarize(http);
print(`\nbrowser host on ${BENCH_PATIENTS} patients (node ${process.version})`);
print(
  table([
    ['figure', 'value'],
    ['start-up, spawn → URL printed (median of 7)', ms(s.p50, 0)],
    ['start-up, each run', startups.map((v) => v.toFixed(0)).join(', ') + ' ms'],
    ['start-up CPU time (user + system, median)', ms(summarize(startupCpu).p50, 0)],
    ['yardstick: bare `node -e` spawn → output (median)', ms(summarize(bare).p50, 0)],
    ['resident memory after start-up', `${afterStart.rssMb.toFixed(0)} MB`],
    [`search over HTTP (${h.n}) p50 / p95`, `${ms(h.p50)} / ${ms(h.p95)}`],
    ['resident memory after the searches (VmRSS)', `${afterSearches.rssMb.toFixed(0)} MB`],
    ['peak resident memory (VmHWM)', `${afterSearches.peakMb.toFixed(0)} MB`],
  ]),
);
jsonOut({ startupMs: s, startups, startupCpuMs: summarize(startupCpu), bareNodeMs: summarize(bare), rssAfterStartMb: afterStart.rssMb, rssAfterSearchesMb: afterSearches.rssMb, peakRssMb: afterSearches.peakMb, http: h });
