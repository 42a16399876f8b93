import type { PullRequest, PushedMutation, SnapshotLine } from '../../common/sync/protocol';
import type { HubContext } from '../../hub/context';
import { redeemEnrollment } from '../../hub/sync/enroll';
import { handlePull } from '../../hub/sync/pull';
import { handlePush, type AuthedClient } from '../../hub/sync/push';
import { snapshotLines } from '../../hub/sync/snapshot';
import { TransportError, type SyncTransport } from '../../main/sync/transport';

/** Probabilities (0..1) of each fault per request. */
export interface Faults {
  dropRequest: number;
  dropResponse: number;
  duplicate: number;
  /** Keep a copy of a push and deliver it again later, out of order. */
  replayLater: number;
  cutSnapshot: number;
}

export const NO_FAULTS: Faults = { dropRequest: 0, dropResponse: 0, duplicate: 0, replayLater: 0, cutSnapshot: 0 };

/**
 * The hub's handlers called in-process through an unreliable "network": a request may be lost
 * before the hub sees it, a response lost after the hub committed, a request delivered twice,
 * or an old push delivered again after newer ones. Seeded, so a failing schedule replays.
 */
export class FaultyTransport implements SyncTransport {
  faults: Faults = NO_FAULTS;
  private stash: PushedMutation[][] = [];
  client: AuthedClient | null = null;

  constructor(private readonly hub: () => HubContext, private readonly rand: () => number) {}

  private roll(p: number): boolean {
    return p > 0 && this.rand() < p;
  }

  private async deliver<T>(fn: () => Promise<T>): Promise<T> {
    await new Promise((r) => setImmediate(r));
    if (this.roll(this.faults.dropRequest)) throw new TransportError('request lost');
    if (this.roll(this.faults.duplicate)) await fn();
    const out = await fn();
    if (this.roll(this.faults.dropResponse)) throw new TransportError('response lost');
    return out;
  }

  private authed(): AuthedClient {
    if (!this.client) throw new TransportError('not enrolled', 401);
    return this.client;
  }

  private async replayStashed(): Promise<void> {
    if (this.stash.length && this.rand() < 0.5) {
      const old = this.stash.shift() as PushedMutation[];
      await handlePush(this.hub(), this.authed(), old);
    }
  }

  async enroll(req: Parameters<SyncTransport['enroll']>[0]) {
    const r = await redeemEnrollment(this.hub(), req);
    if (!r.ok) throw new TransportError(r.error, r.status);
    this.client = { clientId: r.clientId, clinicId: r.clinicId };
    return r;
  }

  async hello() {
    const client = this.authed();
    return this.deliver(async () => {
      const h = this.hub();
      const meta = await h.store.db.selectFrom('hub_meta').select('epoch').where('id', '=', 1).executeTakeFirstOrThrow();
      const sc = await h.store.db.selectFrom('sync_client').select('last_applied').where('client_id', '=', client.clientId).executeTakeFirstOrThrow();
      return { epoch: meta.epoch, protocol: 1, schema: 1, clinicId: client.clinicId, clinicName: '', lastAppliedMutationId: Number(sc.last_applied) };
    });
  }

  async push(mutations: PushedMutation[]) {
    const client = this.authed();
    await this.replayStashed();
    if (this.roll(this.faults.replayLater)) this.stash.push(structuredClone(mutations));
    const r = await this.deliver(() => handlePush(this.hub(), client, structuredClone(mutations)));
    if (r.status === 400) throw new Error(`hub refused the push: ${r.body.error}`);
    return r;
  }

  async pull(req: PullRequest) {
    const client = this.authed();
    await this.replayStashed();
    return this.deliver(() => handlePull(this.hub(), client, req));
  }

  async *snapshot(): AsyncIterable<SnapshotLine> {
    const client = this.authed();
    if (this.roll(this.faults.dropRequest)) throw new TransportError('request lost');
    const cutAt = this.roll(this.faults.cutSnapshot) ? Math.floor(this.rand() * 5) : Infinity;
    let n = 0;
    for await (const chunk of snapshotLines(this.hub(), client)) {
      for (const line of chunk.split('\n')) {
        if (!line) continue;
        if (n++ >= cutAt) throw new TransportError('snapshot cut off');
        yield JSON.parse(line) as SnapshotLine;
      }
    }
  }

  /** Delivers every stashed push now (the "network" finally lets the stragglers through). */
  async flushStash(): Promise<void> {
    while (this.stash.length) await handlePush(this.hub(), this.authed(), this.stash.shift() as PushedMutation[]);
  }
}
