import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { openStore } from '../../db/init';
import type { HubContext } from '../../hub/context';
import { foundingWorkstation, joiningWorkstation, startTestHub } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';
import { checkQuiescence } from './invariants';
import { ledgerProblems, type LedgerStats } from './kill9-ledger';
import { seeded, type ChildConfig } from './kill9-shared';

export interface Kill9Options {
  kills: number;
  seed: number;
  broken?: ChildConfig['broken'];
  /** A kill lands 0..maxDelayMs (default 300) after the child said it is ready, or that it synced once. */
  maxDelayMs?: number;
  patients?: number;
}

export interface Kill9Report {
  problems: string[];
  kills: number;
  /** Kills that landed while the child was still opening its database. */
  earlyKills: number;
  /** Kills after which the hub had applied mutations the workstation had not heard of yet. */
  unheard: number;
  /** Kills that left changes in the outbox not yet sent or not yet answered. */
  pendingAtKill: number;
  seconds: number;
  ledger: LedgerStats;
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The child as one bundled file: `node --import tsx` spends most of a restart compiling, and
 * the harness restarts hundreds of times. esbuild bundles the same TypeScript in well under a second.
 */
async function bundleChild(): Promise<string> {
  const outfile = join(root, '.tsbuild', 'kill9', `child-${process.pid}-${Date.now()}.mjs`);
  await build({
    entryPoints: [join(root, 'test/sync/kill9-child.ts')], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20',
    external: ['better-sqlite3'], logLevel: 'warning',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  return outfile;
}

/** One child process: loaded and waiting for `go`, then working until it is killed. */
class Child {
  private readonly proc: ChildProcess;
  private out = '';
  stderr = '';
  readonly closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(bundle: string) {
    this.proc = spawn(process.execPath, [bundle], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout?.on('data', (c: Buffer) => (this.out += c.toString()));
    this.proc.stderr?.on('data', (c: Buffer) => (this.stderr += c.toString()));
    this.proc.stdin?.on('error', () => {}); // a child killed before it read `go`
    this.closed = new Promise((resolve) => this.proc.once('close', (code, signal) => resolve({ code, signal })));
  }

  go(config: ChildConfig): void {
    this.proc.stdin?.write(`go ${JSON.stringify(config)}\n`);
  }

  /** Waits until the child has said `word`; false if it ended or the time ran out first. */
  async said(word: string, timeoutMs: number): Promise<boolean> {
    let ended = false;
    void this.closed.then(() => (ended = true));
    for (const until = Date.now() + timeoutMs; Date.now() < until; await sleep(2)) {
      if (this.out.split('\n').includes(word)) return true;
      if (ended) return this.out.split('\n').includes(word);
    }
    return false;
  }

  kill(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.proc.kill('SIGKILL');
    return this.closed;
  }
}

/** Where a kill left things: what the outbox still holds, and how much of it the hub already applied. */
async function leftBehind(hub: HubContext, dbFile: string): Promise<{ pending: number; unheard: number }> {
  const db = new Database(dbFile, { readonly: true });
  try {
    const st = db.prepare('SELECT client_id FROM sync_state WHERE id = 1').get() as { client_id: string };
    const last = await hub.store.db.selectFrom('sync_client').select('last_applied').where('client_id', '=', st.client_id).executeTakeFirstOrThrow();
    const hubLast = Number(last.last_applied);
    const pending = db.prepare("SELECT count(*) FROM sync_outbox WHERE state = 'pending'").pluck().get() as number;
    const unheard = db.prepare("SELECT count(*) FROM sync_outbox WHERE state = 'pending' AND mutation_id <= ?").pluck().get(hubLast) as number;
    return { pending, unheard };
  } finally {
    db.close();
  }
}

/**
 * The kill -9 harness: a founding workstation's file handed to a child process that runs the
 * real sync client against the real hub over loopback HTTP, killed with SIGKILL at seeded random
 * moments and restarted on the same file, `kills` times; then started once more without a kill
 * to drain. Returns every violation found (empty when nothing was lost or duplicated).
 *
 * The hub runs in this process (createHub + listen, exactly what `hub serve` runs): it is not the
 * one being killed, and the checks read its database directly.
 */
export async function runKill9(opts: Kill9Options): Promise<Kill9Report> {
  const started = Date.now();
  const rand = seeded(opts.seed);
  const maxDelayMs = opts.maxDelayMs ?? 300;
  const patients = opts.patients ?? 20;
  mkdirSync(join(root, '.tsbuild', 'kill9'), { recursive: true });
  const [bundle, hubDir] = [await bundleChild(), tempDir('portal-k9-hub-')];
  const hub = await startTestHub(hubDir.dir);
  const founder = await foundingWorkstation(hub, patients, opts.seed);
  const { clinicId, dir: wsDir } = founder;
  founder.close();
  const base = { dbFile: join(wsDir, 'ws.db'), hubUrl: hub.url, journal: join(wsDir, 'journal.log'), clinicId, ...(opts.broken ? { broken: opts.broken } : {}) };
  const problems: string[] = [];
  let earlyKills = 0;
  let unheard = 0;
  let pendingAtKill = 0;
  // the next child loads while the current one works, so a restart costs no start-up time
  let spare = new Child(bundle);
  try {
    for (let run = 1; run <= opts.kills; run++) {
      const child = spare;
      spare = new Child(bundle);
      child.go({ ...base, run, seed: Math.floor(rand() * 2 ** 31) });
      // the kill lands a random time after the child opened its database and started, or after
      // its first full round (so that work gets done however slow the machine), or now and then
      // while it is still opening the database
      const roll = rand();
      const early = roll < 0.1;
      const anchor = early ? null : roll < 0.55 ? 'ready' : 'synced';
      if (early) earlyKills++;
      else if (!(await child.said(anchor as string, 60_000))) {
        problems.push(`run ${run}: the child never said "${anchor}": ${child.stderr.slice(-2000)}`);
        await child.kill();
        break;
      }
      await sleep(Math.floor(rand() * (early ? 15 : maxDelayMs)));
      const ended = await child.kill();
      if (ended.signal !== 'SIGKILL') problems.push(`run ${run}: the child ended by itself (code ${ended.code}): ${child.stderr.slice(-2000)}`);
      const left = await leftBehind(hub.hub.hub, base.dbFile);
      if (left.unheard) unheard++;
      if (left.pending) pendingAtKill++;
    }
    // the last start is not killed: it must drain everything the killed ones left behind
    spare.go({ ...base, run: opts.kills + 1, seed: opts.seed, drain: true });
    if (!(await spare.said('drained', 120_000))) problems.push(`the last start did not drain its outbox: ${spare.stderr.slice(-2000)}`);
    await spare.kill();

    const ws = openStore(base.dbFile);
    const joined = await joiningWorkstation(hub, clinicId);
    try {
      await joined.client.syncOnce();
      const integrity = ws.sqlite.pragma('quick_check', { simple: true });
      if (integrity !== 'ok') problems.push(`the killed workstation's database is damaged: ${String(integrity)}`);
      problems.push(...(await checkQuiescence(hub.hub.hub, clinicId, [{ name: 'killed workstation', store: ws }, { name: 'joined workstation', store: joined.store }])));
      const ledger = await ledgerProblems(hub.hub.hub, clinicId, ws, base.journal, patients);
      problems.push(...ledger.problems);
      return { problems, kills: opts.kills, earlyKills, unheard, pendingAtKill, seconds: (Date.now() - started) / 1000, ledger: ledger.stats };
    } finally {
      ws.close();
      joined.close();
    }
  } finally {
    await spare.kill();
    await hub.close();
    rmSync(bundle, { force: true });
    rmSync(wsDir, { recursive: true, force: true });
    hubDir.cleanup();
  }
}
