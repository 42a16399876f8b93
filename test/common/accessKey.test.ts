import { describe, expect, it } from 'vitest';
import { isReady, readyAt, studyReadiness } from '../../common/rules/accessDelay';
import {
  expiresAtFor,
  extendProblem,
  isExpired,
  keyStatus,
  MAX_MISSES,
  NO_USAGE,
  recordMiss,
  redeem,
  type KeyUsage,
} from '../../common/rules/accessKey';

const issued = '2026-11-22T09:00:00.000Z';
const key = { expiresAt: expiresAtFor(issued, 30), disabledAt: null };

describe('expiry', () => {
  it('a key issued with 30 days expires exactly 30 days later, and is expired from that instant on', () => {
    expect(key.expiresAt).toBe('2026-12-22T09:00:00.000Z');
    expect(isExpired(key.expiresAt, '2026-12-22T08:59:59.999Z')).toBe(false);
    expect(isExpired(key.expiresAt, '2026-12-22T09:00:00.000Z')).toBe(true);
    expect(keyStatus(key, null, '2026-12-22T09:00:00.000Z')).toBe('expired');
  });

  it('an extension must be in the future and at most a year ahead', () => {
    expect(extendProblem('2026-11-22T08:00:00.000Z', issued)).toBe('past');
    expect(extendProblem(issued, issued)).toBe('past');
    expect(extendProblem('2026-11-22T09:00:00.001Z', issued)).toBeNull();
    expect(extendProblem('2027-11-22T09:00:00.000Z', issued)).toBeNull();
    expect(extendProblem('2027-11-22T09:00:00.001Z', issued)).toBe('tooFar');
  });
});

describe('status', () => {
  const now = '2026-11-23T00:00:00.000Z';
  it('is active, or names what is in the way: disabled before locked before expired', () => {
    expect(keyStatus(key, null, now)).toBe('active');
    expect(keyStatus(key, { lockedAt: now }, now)).toBe('locked');
    expect(keyStatus({ ...key, disabledAt: now }, { lockedAt: now }, now)).toBe('disabled');
    expect(keyStatus({ ...key, expiresAt: now }, { lockedAt: now }, now)).toBe('locked');
    expect(keyStatus({ ...key, deletedAt: now }, null, now)).toBe('disabled');
  });
});

describe('lock after 5 misses', () => {
  const now = '2026-11-23T10:00:00.000Z';
  it('four wrong dates of birth leave the key usable; the fifth locks it; then even the right one is refused', () => {
    let usage: KeyUsage = NO_USAGE;
    for (let i = 1; i < MAX_MISSES; i++) {
      const r = redeem(key, usage, false, now);
      expect(r).toMatchObject({ outcome: 'wrongDateOfBirth', locked: false });
      usage = r.usage;
    }
    expect(usage.misses).toBe(4);
    const fifth = redeem(key, usage, false, now);
    expect(fifth).toMatchObject({ outcome: 'wrongDateOfBirth', locked: true });
    expect(fifth.usage.lockedAt).toBe(now);
    // locked: the right date of birth is not even compared, and nothing more is counted
    expect(redeem(key, fifth.usage, true, now)).toEqual({ outcome: 'locked', usage: fifth.usage });
    expect(redeem(key, fifth.usage, false, now)).toEqual({ outcome: 'locked', usage: fifth.usage });
    expect(keyStatus(key, fifth.usage, now)).toBe('locked');
  });

  it('a success in between starts the count again', () => {
    let usage = recordMiss(recordMiss(recordMiss(NO_USAGE, now), now), now);
    const ok = redeem(key, usage, true, now);
    expect(ok).toMatchObject({ outcome: 'granted' });
    usage = ok.usage;
    expect(usage).toMatchObject({ misses: 0, lastUsedAt: now, redemptions: 1 });
    for (let i = 0; i < 4; i++) usage = recordMiss(usage, now);
    expect(usage.lockedAt).toBeNull();
  });

  it('a disabled or expired key is named only after the right date of birth; a wrong one counts a miss there too', () => {
    const disabled = { ...key, disabledAt: now };
    expect(redeem(disabled, NO_USAGE, true, now)).toEqual({ outcome: 'refused', reason: 'disabled', usage: NO_USAGE });
    expect(redeem(key, NO_USAGE, true, key.expiresAt)).toMatchObject({ outcome: 'refused', reason: 'expired' });
    expect(redeem({ ...key, deletedAt: now }, NO_USAGE, true, now)).toMatchObject({ outcome: 'refused', reason: 'disabled' });
    // a wrong date on a disabled or expired key is what it is on an active one: a miss, and five lock it
    let usage: KeyUsage = NO_USAGE;
    for (let i = 0; i < MAX_MISSES; i++) {
      const r = redeem(i % 2 ? disabled : key, usage, false, i % 2 ? now : key.expiresAt);
      expect(r.outcome).toBe('wrongDateOfBirth');
      usage = r.usage;
    }
    expect(usage).toMatchObject({ misses: 5, lockedAt: expect.any(String) });
    expect(redeem(disabled, usage, true, now).outcome).toBe('locked');
  });
});

describe('access delays', () => {
  const validatedAt = '2026-11-20T08:00:00.000Z';
  const finalAt = '2026-11-21T14:30:00.000Z';

  it('0 means ready at once: at the validation, at the final report', () => {
    expect(studyReadiness({ validatedAt, reportFinalAt: finalAt }, { studyHours: 0, reportHours: 0 })).toEqual({
      imagesReadyAt: validatedAt,
      reportReadyAt: finalAt,
    });
  });

  it('the study delay counts from validation, the report delay from the final time', () => {
    expect(studyReadiness({ validatedAt, reportFinalAt: finalAt }, { studyHours: 24, reportHours: 72 })).toEqual({
      imagesReadyAt: '2026-11-21T08:00:00.000Z',
      reportReadyAt: '2026-11-24T14:30:00.000Z',
    });
  });

  it('a study not validated yet has no ready time for its images', () => {
    expect(readyAt(null, 5)).toBeNull();
    expect(isReady(null, finalAt)).toBe(false);
  });

  it('is ready from the ready time on, not a millisecond before', () => {
    const at = readyAt(finalAt, 48) as string;
    expect(isReady(at, '2026-11-23T14:29:59.999Z')).toBe(false);
    expect(isReady(at, '2026-11-23T14:30:00.000Z')).toBe(true);
  });
});
