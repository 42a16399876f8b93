import { isEntityName, type EntityName } from '../../common/sync/entities';
import type { HelloResponse, SnapshotLine } from '../../common/sync/protocol';
import type { SyncStatus } from '../../common/sync/status';
import { nowTimestamp, type Clock } from '../../common/time';
import type { Store } from '../../db/store';
import type { Logger } from '../log';
import { applyRow, forgetVersions, sweepUnseen } from './apply';
import { nextBatch, pendingCount, resultOf, settle } from './outbox';
import { TransportError, type SyncTransport } from './transport';

export const BACKOFF_CAP_MS = 60_000;
const POLL_LIVE_MS = 60_000;
const POLL_FALLBACK_MS = 10_000;
const SNAPSHOT_BATCH = 2_000;
/** Screens refresh what they show when one of these ids changed; beyond this many, everything. */
const MAX_CHANGED_IDS = 200;

export interface SyncClientDeps {
  store: Store;
  transport: SyncTransport;
  clock: Clock;
  log: Logger;
  hubUrl?: string | null;
  onStatus?(status: SyncStatus): void;
  /** Rows arrived from the hub: which entities, and which ids (null when too many to list). */
  onChanged?(entities: string[], ids: string[] | null): void;
  /** 0..1; tests pin it to make backoff deterministic. */
  random?: () => number;
}

type State = { hub_epoch: string | null; pull_cursor: number; snapshot_done: number; last_synced_at: string | null; last_error: string | null };

/**
 * The workstation's sync loop (SYNC.md): push the outbox in id order, then pull until the hub
 * has nothing more, each page applied in one transaction with its cursor and settled results.
 * Retries on a timer with jittered exponential backoff, wakes on hub pokes and local writes.
 */
export class SyncClient {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private failures = 0;
  private greeted = false;
  private live = false;
  private stopEvents: (() => void) | undefined;
  private status: SyncStatus;

  constructor(private readonly deps: SyncClientDeps) {
    this.status = { state: 'offline', hubUrl: deps.hubUrl ?? null, pending: 0, conflicts: 0, lastSyncedAt: null, lastError: null, progress: null, live: false };
    this.refreshStatus({});
  }

  private st(): State {
    return this.deps.store.sqlite.prepare('SELECT hub_epoch, pull_cursor, snapshot_done, last_synced_at, last_error FROM sync_state WHERE id = 1').get() as State;
  }

  getStatus(): SyncStatus {
    return this.status;
  }

  private refreshStatus(patch: Partial<SyncStatus>): void {
    const { store } = this.deps;
    const s = this.st();
    const conflicts = (store.sqlite.prepare('SELECT count(*) AS n FROM sync_conflict WHERE acknowledged_at IS NULL AND deleted_at IS NULL').get() as { n: number }).n;
    this.status = { ...this.status, pending: pendingCount(store), conflicts, lastSyncedAt: s.last_synced_at, lastError: s.last_error, live: this.live, ...patch };
    this.deps.onStatus?.(this.status);
  }

  private changed(rows: Array<{ entity: string; id: string }>): void {
    if (!rows.length || !this.deps.onChanged) return;
    const ids = rows.length <= MAX_CHANGED_IDS ? [...new Set(rows.map((r) => r.id))] : null;
    this.deps.onChanged([...new Set(rows.map((r) => r.entity))], ids);
  }

  /** One full round: hello when needed, snapshot when needed, push everything, pull everything. */
  async syncOnce(): Promise<void> {
    const { transport } = this.deps;
    if (!this.greeted) {
      await this.greet(await transport.hello());
      this.greeted = true;
    }
    if (!this.st().snapshot_done) await this.loadSnapshot();
    await this.pushAll();
    await this.pullAll();
  }

  private async greet(hello: HelloResponse): Promise<void> {
    const s = this.st();
    if (s.hub_epoch && s.hub_epoch !== hello.epoch) this.epochChanged(hello.epoch, hello.lastAppliedMutationId);
    else if (!s.hub_epoch) this.deps.store.run(this.deps.store.k.updateTable('sync_state').set({ hub_epoch: hello.epoch }).where('id', '=', 1));
  }

  /**
   * SYNC.md rule 7: a hub restored from backup has a new epoch. Keep the outbox, resync from a
   * snapshot, and push again every mutation the restored hub no longer has.
   */
  private epochChanged(epoch: string, hubLastApplied: number): void {
    const { store } = this.deps;
    this.deps.log.warn('sync.epochChanged', { hubLastApplied });
    store.tx(() => {
      forgetVersions(store);
      store.run(store.k.updateTable('sync_outbox').set({ state: 'pending', result: null, settled_at: null }).where('mutation_id', '>', hubLastApplied));
      store.run(store.k.updateTable('sync_state').set({ hub_epoch: epoch, pull_cursor: 0, snapshot_done: 0, last_ack_mutation_id: hubLastApplied }).where('id', '=', 1));
    });
  }

  private async pushAll(): Promise<void> {
    const { store, transport, clock } = this.deps;
    // what was waiting when the round began; later changes go in the next round (their nudge asks
    // for one), so staff writing faster than a push's round trip cannot keep this round from pulling
    const upTo = (store.sqlite.prepare('SELECT next_mutation_id - 1 AS n FROM sync_state WHERE id = 1').get() as { n: number }).n;
    for (;;) {
      const batch = nextBatch(store, upTo);
      if (!batch.length) return;
      const r = await transport.push(batch);
      if (r.status === 409) {
        if (r.body.reason === 'clone') throw new CloneError();
        // the hub lost what it had applied past `expected` (restored without a new epoch): send it again
        store.run(store.k.updateTable('sync_outbox').set({ state: 'pending', result: null, settled_at: null }).where('mutation_id', '>=', r.body.expected));
        if (r.body.expected > (batch[0]?.id ?? 0)) throw new TransportError(`hub expects ${r.body.expected}`, 409);
        continue;
      }
      store.txFromHub(() => settle(store, r.body.results.map(resultOf), nowTimestamp(clock)));
      this.refreshStatus({});
    }
  }

  private async pullAll(): Promise<void> {
    const { store, transport, clock } = this.deps;
    for (;;) {
      const s = this.st();
      const ack = (store.sqlite.prepare('SELECT last_ack_mutation_id AS a FROM sync_state WHERE id = 1').get() as { a: number }).a;
      const r = await transport.pull({ epoch: s.hub_epoch ?? '', cursor: s.pull_cursor, ack });
      if (r.status === 410) {
        if (r.body.reason === 'epoch') this.epochChanged(r.body.epoch, (await transport.hello()).lastAppliedMutationId);
        else store.run(store.k.updateTable('sync_state').set({ snapshot_done: 0 }).where('id', '=', 1));
        await this.loadSnapshot();
        continue;
      }
      const page = r.body;
      const now = nowTimestamp(clock);
      const changed: Array<{ entity: string; id: string }> = [];
      store.txFromHub(() => {
        const outboxEmpty = pendingCount(store) === 0;
        for (const c of page.changes) {
          if (isEntityName(c.entity) && c.data && applyRow(store, c.entity, c.data, { outboxEmpty })) changed.push({ entity: c.entity, id: String(c.data.id) });
        }
        settle(store, page.results, now);
        store.run(store.k.updateTable('sync_state').set({ pull_cursor: page.cursor, last_synced_at: now, last_error: null }).where('id', '=', 1));
      });
      this.refreshStatus({});
      this.changed(changed);
      if (!page.hasMore) return;
    }
  }

  /** First sync, or a resync: every current row of the clinic, then the cursor it was taken at. */
  private async loadSnapshot(): Promise<void> {
    const { store, transport, clock } = this.deps;
    const seen = new Map<string, Set<string>>();
    let header: Extract<SnapshotLine, { kind: 'header' }> | undefined;
    let batch: Array<Extract<SnapshotLine, { kind: 'row' }>> = [];
    let done = 0;
    const flush = () => {
      const changed: Array<{ entity: string; id: string }> = [];
      store.txFromHub(() => {
        const outboxEmpty = pendingCount(store) === 0;
        for (const line of batch) {
          if (!isEntityName(line.entity)) continue;
          if (applyRow(store, line.entity as EntityName, line.data, { ignoreVersion: true, outboxEmpty })) changed.push({ entity: line.entity, id: String(line.data.id) });
        }
      });
      this.changed(changed);
      done += batch.length;
      batch = [];
      this.refreshStatus({ state: 'syncing', progress: { done, total: header?.rows ?? done } });
    };
    for await (const line of transport.snapshot()) {
      if (line.kind === 'header') header = line;
      else if (line.kind === 'row') {
        let ids = seen.get(line.entity);
        if (!ids) seen.set(line.entity, (ids = new Set()));
        ids.add(String(line.data.id));
        batch.push(line);
        if (batch.length >= SNAPSHOT_BATCH) flush();
      } else if (line.kind === 'end') {
        if (!header) throw new TransportError('snapshot without a header');
        flush();
        const start = header;
        store.txFromHub(() => {
          sweepUnseen(store, seen, nowTimestamp(clock));
          store.run(store.k.updateTable('sync_state').set({ hub_epoch: start.epoch, pull_cursor: start.cursor, snapshot_done: 1 }).where('id', '=', 1));
        });
        this.refreshStatus({ progress: null });
        return;
      }
    }
    throw new TransportError('the snapshot ended early');
  }

  /** Starts the loop: now, then on pokes, on local writes (`nudge`), and on a timer. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.stopEvents = this.deps.transport.events?.(
      () => this.nudge(),
      (connected) => {
        // the stream ends when the client stops, possibly after the store has closed
        if (this.stopped) return;
        this.live = connected;
        this.refreshStatus({});
      },
    );
    this.nudge();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.stopEvents?.();
  }

  /** Something changed locally or at the hub: sync soon. */
  nudge(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.round().finally(() => {
      this.running = null;
      if (this.again && !this.stopped) {
        this.again = false;
        this.nudge();
      }
    });
  }

  /** Resolves when the round under way (if any) has finished; for tests and shutdown. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async round(): Promise<void> {
    const { store } = this.deps;
    this.refreshStatus({ state: 'syncing' });
    try {
      await this.syncOnce();
      if (this.stopped) return;
      this.failures = 0;
      this.refreshStatus({ state: 'online', lastError: null });
      this.schedule(this.live ? POLL_LIVE_MS : POLL_FALLBACK_MS);
    } catch (err) {
      // stopped while a round was in flight (the app is closing): the store may be gone already
      if (this.stopped) return;
      this.failures++;
      this.greeted = false;
      const message = err instanceof Error ? err.message : String(err);
      const clone = err instanceof CloneError;
      store.run(store.k.updateTable('sync_state').set({ last_error: message }).where('id', '=', 1));
      this.refreshStatus({ state: clone ? 'error' : err instanceof TransportError ? 'offline' : 'error', lastError: message, progress: null });
      if (!(err instanceof TransportError) && !clone) this.deps.log.error('sync.failed', { error: err instanceof Error ? err.name : 'unknown' });
      if (!clone) this.schedule(backoffMs(this.failures, this.deps.random ?? Math.random));
    }
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.nudge(), ms);
    this.timer.unref?.();
  }
}

/** Exponential from 1 s, capped at 60 s, with ±50 % jitter so a clinic's PCs do not retry in step. */
export function backoffMs(failures: number, random: () => number): number {
  const base = Math.min(BACKOFF_CAP_MS, 1000 * 2 ** Math.max(0, failures - 1));
  return Math.min(BACKOFF_CAP_MS, Math.round(base * (0.5 + random())));
}

export class CloneError extends Error {
  constructor() {
    super('another installation uses this workstation\'s identity; enroll this workstation again');
    this.name = 'CloneError';
  }
}
