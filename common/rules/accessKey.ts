import { DAY_MS, type Timestamp, toTimestamp } from '../time';

/**
 * The life of an issued key, as pure rules the workstation and the hub share: status, expiry,
 * the lock after 5 missed dates of birth, and the decision at redemption. Clocks decide only
 * these local facts (is it expired now?); sync never compares clocks.
 */

export const MAX_MISSES = 5;
/** An extension may reach at most this far ahead (the longest expiry the setting allows). */
export const MAX_EXTEND_DAYS = 365;

export const KEY_STATUSES = ['active', 'disabled', 'expired', 'locked'] as const;
export type KeyStatus = (typeof KEY_STATUSES)[number];

export interface KeyState {
  expiresAt: Timestamp;
  disabledAt: Timestamp | null;
  deletedAt?: Timestamp | null;
}

/** Hub-owned: what redemptions did to the key. */
export interface KeyUsage {
  misses: number;
  lockedAt: Timestamp | null;
  lastUsedAt: Timestamp | null;
  redemptions: number;
}

export const NO_USAGE: KeyUsage = { misses: 0, lockedAt: null, lastUsedAt: null, redemptions: 0 };

export function expiresAtFor(issuedAt: Timestamp, days: number): Timestamp {
  return toTimestamp(Date.parse(issuedAt) + days * DAY_MS);
}

export function isExpired(expiresAt: Timestamp, now: Timestamp): boolean {
  return now >= expiresAt;
}

/** Disabled outranks locked, which outranks expired: the status names what staff would have to undo. */
export function keyStatus(key: KeyState, usage: Pick<KeyUsage, 'lockedAt'> | null, now: Timestamp): KeyStatus {
  if (key.disabledAt || key.deletedAt) return 'disabled';
  if (usage?.lockedAt) return 'locked';
  if (isExpired(key.expiresAt, now)) return 'expired';
  return 'active';
}

/** A wrong date of birth: one more miss; the fifth locks the key for good (until staff act). */
export function recordMiss(usage: KeyUsage, now: Timestamp): KeyUsage {
  const misses = usage.misses + 1;
  return { ...usage, misses, lockedAt: usage.lockedAt ?? (misses >= MAX_MISSES ? now : null) };
}

/** A successful redemption clears the misses: five misses in a row lock, not five in a lifetime. */
export function recordUse(usage: KeyUsage, now: Timestamp): KeyUsage {
  return { ...usage, misses: 0, lastUsedAt: now, redemptions: usage.redemptions + 1 };
}

export type Redemption =
  | { outcome: 'granted'; usage: KeyUsage }
  /** Only ever after the right date of birth: whoever reads this already holds both factors. */
  | { outcome: 'refused'; reason: 'disabled' | 'expired'; usage: KeyUsage }
  /** Whatever the date of birth: a locked key compares nothing, so it cannot confirm a guess. */
  | { outcome: 'locked'; usage: KeyUsage }
  | { outcome: 'wrongDateOfBirth'; usage: KeyUsage; locked: boolean };

/**
 * The hub's decision once a code has matched a key (see ACCESS_CODE_HASH for the match).
 * A locked key is refused before the date of birth is compared, so the lock stops guessing.
 * Otherwise the date of birth comes first, whatever else is true of the key: a wrong one counts
 * a miss on a disabled or expired key too. The page then answers a wrong date exactly as it
 * answers a code nobody was given, and a disabled or expired key is named only to someone who
 * has both the code and the date of birth, so neither the code's existence nor the key's state
 * leaks to a guesser, and a disabled key is no unlimited oracle for the date of birth.
 */
export function redeem(key: KeyState, usage: KeyUsage, dateOfBirthMatches: boolean, now: Timestamp): Redemption {
  if (usage.lockedAt) return { outcome: 'locked', usage };
  if (!dateOfBirthMatches) {
    const next = recordMiss(usage, now);
    return { outcome: 'wrongDateOfBirth', usage: next, locked: next.lockedAt !== null };
  }
  if (key.disabledAt || key.deletedAt) return { outcome: 'refused', reason: 'disabled', usage };
  if (isExpired(key.expiresAt, now)) return { outcome: 'refused', reason: 'expired', usage };
  return { outcome: 'granted', usage: recordUse(usage, now) };
}

export type ExtendProblem = 'past' | 'tooFar';

/** A new expiry must lie in the future and within MAX_EXTEND_DAYS of now. */
export function extendProblem(expiresAt: Timestamp, now: Timestamp): ExtendProblem | null {
  if (expiresAt <= now) return 'past';
  if (Date.parse(expiresAt) - Date.parse(now) > MAX_EXTEND_DAYS * DAY_MS) return 'tooFar';
  return null;
}
