import type { SyncStatus } from '../../common/sync/status';
import type { Clock } from '../../common/time';
import type { Store } from '../../db/store';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import { SyncClient } from './client';
import { credentialOf, enrollWorkstation } from './enroll';
import { httpTransport } from './http';
import type { SyncTransport } from './transport';

/** Stored instead of a URL for the app's own hub, whose port changes from one start to the next. */
export const EMBEDDED_HUB = 'embedded';

const OFF: SyncStatus = { state: 'off', hubUrl: null, pending: 0, conflicts: 0, lastSyncedAt: null, lastError: null, progress: null, live: false };

/**
 * Owns the workstation's sync client: starts it when the store has a hub and a credential,
 * (re)starts it after enrollment, nudges it after local writes and broadcasts its status.
 */
export class SyncController {
  private client: SyncClient | null = null;
  /** The round a stopped client was in the middle of: it still writes to the store until it ends. */
  private stopping: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: {
      store: Store;
      clock: Clock;
      log: Logger;
      events: EventBus;
      /** Tests put a faulty transport here; the product talks HTTP. */
      transportFor?: (hubUrl: string, store: Store) => SyncTransport;
      embeddedUrl?: string;
    },
  ) {}

  private hubUrl(): string | null {
    const st = this.deps.store.first(this.deps.store.k.selectFrom('sync_state').select(['hub_url', 'credential']).where('id', '=', 1));
    if (!st?.hub_url || !st.credential) return null;
    return st.hub_url === EMBEDDED_HUB ? (this.deps.embeddedUrl ?? null) : st.hub_url;
  }

  private transport(hubUrl: string): SyncTransport {
    const { store } = this.deps;
    return this.deps.transportFor?.(hubUrl, store) ?? httpTransport(hubUrl, () => credentialOf(store));
  }

  start(): void {
    const hubUrl = this.hubUrl();
    if (!hubUrl || this.client) return;
    const { store, clock, log, events } = this.deps;
    this.client = new SyncClient({
      store, clock, log, hubUrl, transport: this.transport(hubUrl),
      onStatus: (s) => events.broadcast('sync.status', s),
      onChanged: (entities, ids) => events.broadcast('data.changed', { entities, ...(ids ? { ids } : {}) }),
    });
    this.client.start();
  }

  stop(): void {
    if (this.client) {
      this.client.stop();
      this.stopping = this.client.idle();
    }
    this.client = null;
  }

  status(): SyncStatus {
    return this.client?.getStatus() ?? OFF;
  }

  nudge(): void {
    this.client?.nudge();
  }

  /** Waits for the round under way; used before shutdown and by tests. */
  async idle(): Promise<void> {
    await this.stopping;
    await this.client?.idle();
  }

  /** `beforeStart` runs once enrolled, before the first round: what it queues goes in the first push. */
  async enroll(hubUrl: string, code: string, label?: string, beforeStart?: () => void): Promise<{ founded: boolean; queued: number }> {
    this.stop();
    await this.stopping;
    const stored = hubUrl === this.deps.embeddedUrl ? EMBEDDED_HUB : hubUrl;
    const r = await enrollWorkstation(this.deps.store, this.transport(hubUrl), { hubUrl, code, clock: this.deps.clock, ...(label ? { label } : {}) });
    if (stored !== hubUrl) this.deps.store.run(this.deps.store.k.updateTable('sync_state').set({ hub_url: stored }).where('id', '=', 1));
    beforeStart?.();
    this.start();
    return r;
  }
}
