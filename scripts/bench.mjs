// `npm run bench`: builds, runs each benchmark of test/bench in its own process, then prints
// the figures beside their goals. Not part of `npm test`: figures depend on the machine.
// `npm run bench -- search host` runs only those (search, host, table, keys, onboarding, sync). PORTAL_BENCH_PATIENTS / _QUERIES resize.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const BENCHES = {
  search: 'test/bench/search.bench.ts',
  host: 'test/bench/host.bench.ts',
  table: 'test/bench/table.bench.ts',
  keys: 'test/bench/issued-keys.bench.ts',
  onboarding: 'test/bench/onboarding.bench.ts',
  sync: 'test/bench/sync.bench.ts',
};
const asked = process.argv.slice(2).filter((a) => a in BENCHES);
const names = asked.length ? asked : Object.keys(BENCHES);
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

console.log(`Portal Desk benchmarks on node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), load average ${load()}`);
const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const out = mkdtempSync(join(tmpdir(), 'portal-bench-json-'));
const figures = {};
for (const name of names) {
  const json = join(out, `${name}.json`);
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, BENCHES[name]), '--json', json], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) {
    console.error(`bench ${name} failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
  // benches without a summary entry print their own table (figures beside the raw limit) above
  if (existsSync(json)) figures[name] = JSON.parse(readFileSync(json, 'utf8'));
  console.log(`(${name}: ${((Date.now() - started) / 1000).toFixed(0)} s)`);
}
rmSync(out, { recursive: true, force: true });

const rows = [];
const f = (v, unit, digits = 2) => (typeof v === 'number' && Number.isFinite(v) ? `${v.toFixed(digits)}${unit}` : 'n/a');
const row = (what, value, goal, met) => rows.push([what, value, goal, met === undefined ? '' : met ? 'met' : 'MISSED']);
if (figures.search) {
  for (const run of figures.search.runs) {
    const where = run.where.startsWith('memory') ? 'memory' : 'disk';
    row(`search p50 / p95, raw statement (${where})`, `${f(run.raw.p50, ' ms', 3)} / ${f(run.raw.p95, ' ms', 3)}`, '');
    row(`search p50 / p95, through the dispatcher (${where})`, `${f(run.dispatcher.p50, ' ms', 3)} / ${f(run.dispatcher.p95, ' ms', 3)}`, 'p95 ≤ 5 ms', run.dispatcher.p95 <= 5);
    row(`ratio dispatcher / raw, p50 and p95 (${where})`, `${f(run.ratioP50, '')} and ${f(run.ratioP95, '')}`, '≤ 2', run.ratioP50 <= 2 && run.ratioP95 <= 2);
    row(`one audit row committed alone, p50 / p95 (${where})`, `${f(run.auditCommit.p50, ' ms', 3)} / ${f(run.auditCommit.p95, ' ms', 3)}`, '');
  }
}
if (figures.host) {
  row('host start-up, spawn → URL (median of 7)', f(figures.host.startupMs.p50, ' ms', 0), '≤ 300 ms', figures.host.startupMs.p50 <= 300);
  row('  its CPU time; a bare `node -e` spawn here, now', `${f(figures.host.startupCpuMs.p50, ' ms', 0)}; ${f(figures.host.bareNodeMs.p50, ' ms', 0)}`, '');
  row('host resident memory after the searches', f(figures.host.rssAfterSearchesMb, ' MB', 0), '≤ 250 MB', figures.host.rssAfterSearchesMb <= 250);
  row('host peak resident memory (VmHWM)', f(figures.host.peakRssMb, ' MB', 0), '');
}
if (figures.table) {
  row(`key press → selection painted, p95 (${figures.table.rows} rows)`, f(figures.table.moves.p95, ' ms', 1), '≤ 16 ms', figures.table.moves.p95 <= 16);
  row('Ctrl+K → palette painted, p95', f(figures.table.palette.p95, ' ms', 1), '≤ 16 ms', figures.table.palette.p95 <= 16);
  row('  key presses painted in the first frame after the key', `${f(figures.table.movesNextFrame * 100, '%', 0)} of moves, ${f(figures.table.paletteNextFrame * 100, '%', 0)} of opens`, '');
  row('  frame interval of this Chromium, p50', f(figures.table.frameInterval.p50, ' ms', 1), '');
}
const widths = [0, 1, 2, 3].map((c) => Math.max(...[['figure', 'measured', 'goal', ''], ...rows].map((r) => r[c].length)));
const line = (r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd();
console.log(`\nSummary (load average now ${load()}; other work on this machine shows up in these figures)`);
console.log(line(['figure', 'measured', 'goal', '']));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
