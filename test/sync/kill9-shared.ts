/** What the kill -9 harness (kill9.ts) and its child process (kill9-child.ts) agree on. */
export interface ChildConfig {
  dbFile: string;
  hubUrl: string;
  journal: string;
  /** The run's number: with the child's write counter it names every write (`k9:<run>:<n>`). */
  run: number;
  seed: number;
  clinicId: string;
  /** The last start: no writes, sync until the outbox is empty, then exit. */
  drain?: boolean;
  /**
   * A deliberately wrong client the harness must catch: `deferred-outbox` writes the mutation in a
   * transaction after the change's (rule 1); `cursor-first` commits a pull's cursor before its rows (rule 4).
   */
  broken?: 'deferred-outbox' | 'cursor-first';
}

/** Every write of the child puts a unique marker in the patient's address line. */
export const MARKER_PREFIX = 'k9:';

/** A small seeded generator (LCG): the same seed gives the same kill delays and the same writes. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}
