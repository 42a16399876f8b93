import type { Clock } from '../../common/time';
import { MINUTE_MS } from '../../common/time';

/**
 * Attempts allowed per source address in a sliding window, for every page that checks a
 * credential (password, one-time code, link token, identity details) or sends a message.
 * Generous enough for a waiting room behind one address, tight enough to stop guessing.
 */
export const LIMITS = {
  signin: { max: 20, windowMs: 15 * MINUTE_MS },
  code: { max: 20, windowMs: 15 * MINUTE_MS },
  token: { max: 20, windowMs: 15 * MINUTE_MS },
  forgot: { max: 10, windowMs: 15 * MINUTE_MS },
  register: { max: 10, windowMs: 60 * MINUTE_MS },
  // access code + date of birth (routes/access.ts); the code's check symbol and the lock after 5 misses guard the rest
  access: { max: 20, windowMs: 15 * MINUTE_MS },
} as const;
export type LimitName = keyof typeof LIMITS;

/**
 * In memory: the hub is one process on SQLite. Several hub processes behind a balancer would
 * share this through the database or the balancer instead.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  private sweeps = 0;

  constructor(private readonly clock: Clock) {}

  /** Counts the attempt; false when the source has used up its window. */
  allow(name: LimitName, source: string): boolean {
    const { max, windowMs } = LIMITS[name];
    const now = this.clock.now();
    const key = `${name}|${source}`;
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < windowMs);
    const ok = recent.length < max;
    if (ok) recent.push(now);
    this.hits.set(key, recent);
    if (++this.sweeps % 1000 === 0) this.sweep(now);
    return ok;
  }

  private sweep(now: number): void {
    for (const [key, times] of this.hits) {
      const name = key.slice(0, key.indexOf('|')) as LimitName;
      if (times.every((t) => now - t >= LIMITS[name].windowMs)) this.hits.delete(key);
    }
  }
}
