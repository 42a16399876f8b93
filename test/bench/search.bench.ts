import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { nowTimestamp } from '../../common/time';
import { insertAudit } from '../../db/audit';
import { parseSearch } from '../../db/queries/patients';
import { createPortalApp } from '../../main/app';
import { silentLogger } from '../../main/log';
import { SCRYPT_DEFAULT } from '../../main/passwords';
import { BENCH_PASSWORD, BENCH_PATIENTS, BENCH_USER, benchDir, cachedClinic, freshDataDir } from './dataset';
import { queryMix, type QueryKind } from './queries';
import { jsonOut, ms, print, summarize, table, type Summary } from './stats';

/**
 * Patient search at 100k patients: the whole dispatcher path (session, permission, zod, the
 * query, the audit row and its commit) against the same SQL as a raw prepared statement.
 * Run on disk (as shipped: every audit commit waits for fsync) and, where /dev/shm exists, on
 * memory, which takes the disk out and leaves the software layers.
 */
const QUERIES = Number(process.env.PORTAL_BENCH_QUERIES ?? 3000);
const LIMIT = 50;
const END = '\u{10FFFF}';
const clinic = await cachedClinic();

interface Figures {
  where: string;
  raw: Summary;
  dispatcher: Summary;
  auditCommit: Summary;
  ratioP50: number;
  ratioP95: number;
  perKind: Array<{ kind: QueryKind; n: number; results: number; raw: Summary; dispatcher: Summary }>;
}

async function run(where: string, base: string): Promise<Figures> {
  const data = freshDataDir(clinic, base);
  const portal = createPortalApp({ dataDir: data.dir, appVersion: 'bench', scrypt: SCRYPT_DEFAULT }, { log: silentLogger });
  try {
    const client = { clientId: 'bench', transport: 'ipc' as const };
    const signedIn = await portal.dispatch(client, 'auth.signIn', { username: BENCH_USER, password: BENCH_PASSWORD });
    if (!signedIn.ok) throw new Error(`bench sign-in failed: ${JSON.stringify(signedIn.error)}`);

    const db = portal.app.store.sqlite;
    const columns = 'p.id, p.mrn, p.given_name, p.family_name, p.date_of_birth, p.sex';
    const byDob = db.prepare(`SELECT ${columns} FROM patient p WHERE p.date_of_birth = ? AND p.deleted_at IS NULL ORDER BY p.family_name LIMIT ?`);
    const byMrn = db.prepare(`SELECT ${columns} FROM patient p WHERE p.mrn >= ? AND p.mrn < ? AND p.deleted_at IS NULL ORDER BY p.mrn LIMIT ?`);
    const byName = [1, 2, 3, 4].map((words) =>
      db.prepare(
        `SELECT ${columns} FROM patient_name_token t JOIN patient p ON p.id = t.patient_id
         WHERE t.token >= ? AND t.token < ? AND p.deleted_at IS NULL${" AND (' ' || t.sort_key) GLOB ?".repeat(words - 1)}
         ORDER BY t.token, t.sort_key LIMIT ?`,
      ),
    );
    const rangeSize = db.prepare('SELECT count(*) FROM (SELECT token FROM patient_name_token WHERE token >= ? AND token < ? LIMIT 5000)').pluck();

    /** The raw path: the same parse and the same SQL, prepared once, no layers around it. */
    const rawSearch = (text: string): number => {
      const q = parseSearch(text);
      switch (q.kind) {
        case 'empty':
          return 0;
        case 'dob':
          return byDob.all(q.date, LIMIT + 1).length;
        case 'mrn':
          return byMrn.all(q.prefix, q.prefix + END, LIMIT + 1).length;
        case 'name': {
          let lead = q.tokens[0] as string;
          if (q.tokens.length > 1) {
            let best = Infinity;
            for (const w of q.tokens) {
              const n = rangeSize.get(w, w + END) as number;
              if (n < best) [lead, best] = [w, n];
            }
          }
          const rest = [...q.tokens];
          rest.splice(rest.indexOf(lead), 1);
          const globs = rest.slice(0, 3).map((w) => `*[^a-zA-Z0-9]${w}* *`);
          const rows = byName[globs.length]!.all(lead, lead + END, ...globs, LIMIT * 2 + 1) as Array<{ id: string }>;
          return new Set(rows.map((r) => r.id)).size;
        }
      }
    };
    const dispatchSearch = async (text: string): Promise<number> => {
      const r = await portal.dispatch(client, 'patients.search', { text, limit: LIMIT });
      if (!r.ok) throw new Error(`search failed: ${JSON.stringify(r.error)}`);
      return (r.value as { rows: unknown[] }).rows.length;
    };

    // warm up both paths (JIT, statement caches, SQLite's page cache) on other queries of the mix
    for (const q of queryMix(db, 500, 99)) {
      rawSearch(q.text);
      await dispatchSearch(q.text);
    }
    const raw: number[] = [];
    const viaDispatcher: number[] = [];
    const kinds = new Map<QueryKind, { raw: number[]; dispatcher: number[]; results: number }>();
    for (const q of queryMix(db, QUERIES)) {
      let t = performance.now();
      rawSearch(q.text);
      const r = performance.now() - t;
      t = performance.now();
      const found = await dispatchSearch(q.text);
      const d = performance.now() - t;
      raw.push(r);
      viaDispatcher.push(d);
      const k = kinds.get(q.kind) ?? { raw: [], dispatcher: [], results: 0 };
      k.raw.push(r);
      k.dispatcher.push(d);
      k.results += found;
      kinds.set(q.kind, k);
    }
    // what one audit row costs alone: the part of the dispatcher path that waits for the disk
    const commits: number[] = [];
    const actor = { staffId: null, workstationId: portal.app.workstationId };
    for (let i = 0; i < 300; i++) {
      const t = performance.now();
      insertAudit(portal.app.store, actor, nowTimestamp(portal.app.clock), { action: 'bench.commit' });
      commits.push(performance.now() - t);
    }
    const rawS = summarize(raw);
    const dispS = summarize(viaDispatcher);
    return {
      where,
      raw: rawS,
      dispatcher: dispS,
      auditCommit: summarize(commits),
      ratioP50: dispS.p50 / rawS.p50,
      ratioP95: dispS.p95 / rawS.p95,
      perKind: [...kinds].map(([kind, k]) => ({ kind, n: k.raw.length, results: k.results / k.raw.length, raw: summarize(k.raw), dispatcher: summarize(k.dispatcher) })),
    };
  } finally {
    portal.close();
    data.cleanup();
  }
}

const runs = [await run(`disk (${benchDir()})`, benchDir())];
if (existsSync('/dev/shm')) runs.push(await run('memory (/dev/shm)', join('/dev/shm', 'portal-desk-bench')));

for (const f of runs) {
  print(`\npatient search, ${BENCH_PATIENTS} patients, ${QUERIES} queries (limit ${LIMIT}), data on ${f.where}`);
  print(
    table([
      ['query', 'n', 'avg rows', 'raw p50', 'raw p95', 'dispatcher p50', 'dispatcher p95'],
      ...f.perKind.map((k) => [k.kind, String(k.n), k.results.toFixed(1), ms(k.raw.p50, 3), ms(k.raw.p95, 3), ms(k.dispatcher.p50, 3), ms(k.dispatcher.p95, 3)]),
      ['all', String(f.raw.n), '', ms(f.raw.p50, 3), ms(f.raw.p95, 3), ms(f.dispatcher.p50, 3), ms(f.dispatcher.p95, 3)],
    ]),
  );
  print(`ratio dispatcher/raw: p50 ${f.ratioP50.toFixed(2)}, p95 ${f.ratioP95.toFixed(2)}; one audit row committed alone: p50 ${ms(f.auditCommit.p50, 3)}, p95 ${ms(f.auditCommit.p95, 3)}`);
}
jsonOut({ patients: BENCH_PATIENTS, queries: QUERIES, runs: runs.map(({ perKind: _k, ...rest }) => rest) });
