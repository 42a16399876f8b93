import type { HelloResponse, PullGone, PullRequest, PullResponse, PushedMutation, PushGap, PushResponse, SnapshotLine } from '../../common/sync/protocol';

/** A failure of the network or of the hub's availability: retried later, never settles anything. */
export class TransportError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface EnrollRequest {
  code: string;
  clientId: string;
  clinic?: { id: string; name: string };
  label?: string;
}
export interface EnrollResponse {
  clientId: string;
  clinicId: string;
  credential: string;
  epoch: string;
}

/**
 * What the sync client needs from the hub. The HTTP implementation is the product; tests put a
 * faulty one in between (drops, duplicates, delays, lost responses) to prove the rules hold.
 */
export interface SyncTransport {
  enroll(req: EnrollRequest): Promise<EnrollResponse>;
  hello(): Promise<HelloResponse>;
  push(mutations: PushedMutation[]): Promise<{ status: 200; body: PushResponse } | { status: 409; body: PushGap }>;
  pull(req: PullRequest): Promise<{ status: 200; body: PullResponse } | { status: 410; body: PullGone }>;
  snapshot(): AsyncIterable<SnapshotLine>;
  /** Calls `onPoke` whenever the hub says there is something to pull; returns a stop function. */
  events?(onPoke: () => void, onState: (connected: boolean) => void): () => void;
}
