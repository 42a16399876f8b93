import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../common/sync/status';
import { compareSides, recordName, recordOf } from '../../renderer/screens/conflicts/compare';
import { problemOf, shownState } from '../../renderer/screens/sync/words';

const P = '0190a0b1-0000-7000-8000-000000000001';
const ours = JSON.stringify({ put: { patient: [{ id: 'other', mobile: 'x' }, { id: P, version: 3, given_name: 'Anna', family_name: 'Jensen', mrn: 'P1000003', mobile: '+4522222222', email: null, updated_at: 'b' }] } });
const theirs = JSON.stringify({ id: P, version: 5, given_name: 'Anna', family_name: 'Jensen', mrn: 'P1000003', mobile: '+4511111111', email: 'a@b.dk', updated_at: 'a' });

describe('a conflict’s two sides, field by field', () => {
  it('takes our side from the row of the conflict inside the mutation, theirs from the hub’s row', () => {
    expect(recordOf(ours, 'patient', P)).toMatchObject({ id: P, mobile: '+4522222222' });
    expect(recordOf(theirs, 'patient', P)).toMatchObject({ mobile: '+4511111111' });
    expect(recordName('patient', recordOf(ours, 'patient', P))).toBe('Jensen, Anna (P1000003)');
  });

  it('marks exactly the fields that differ, and leaves bookkeeping out', () => {
    const lines = compareSides(recordOf(ours, 'patient', P), recordOf(theirs, 'patient', P));
    expect(lines.map((l) => l.field)).toEqual(['given_name', 'family_name', 'mrn', 'mobile', 'email']);
    expect(lines.filter((l) => l.differs)).toEqual([
      { field: 'mobile', ours: '+4522222222', theirs: '+4511111111', differs: true },
      { field: 'email', ours: null, theirs: 'a@b.dk', differs: true },
    ]);
  });

  it('never shows a secret, even hashed', () => {
    const lines = compareSides({ username: 'frida', password_hash: 'scrypt$...' }, { username: 'frida', password_hash: 'scrypt$…' });
    expect(lines.map((l) => l.field)).toEqual(['username']);
  });

  it('a refused command has only our side: nothing is marked as differing', () => {
    const lines = compareSides(recordOf(JSON.stringify({ id: 'r1', baseVersion: 2, status: 'handled' }), 'result_request', 'r1'), null);
    expect(lines).toEqual([
      { field: 'baseVersion', ours: '2', theirs: null, differs: false },
      { field: 'status', ours: 'handled', theirs: null, differs: false },
    ]);
  });

  it('survives sides that are missing or not JSON', () => {
    expect(recordOf(null, 'patient', P)).toBeNull();
    expect(recordOf('{oops', 'patient', P)).toBeNull();
    expect(compareSides(null, null)).toEqual([]);
  });
});

const status = (patch: Partial<SyncStatus>): SyncStatus => ({
  state: 'online', hubUrl: 'http://hub', pending: 0, conflicts: 0, lastSyncedAt: null, lastError: null, progress: null, live: false, ...patch,
});

describe('what the sync indicator shows', () => {
  it('a routine round does not flash "syncing"; a first sync with progress does', () => {
    expect(shownState(status({ state: 'syncing' }), 'online')).toBe('online');
    expect(shownState(status({ state: 'syncing' }), 'offline')).toBe('offline');
    expect(shownState(status({ state: 'syncing', progress: { done: 10, total: 100 } }), 'online')).toBe('syncing');
    expect(shownState(status({ state: 'syncing' }), null)).toBe('syncing');
    expect(shownState(status({ state: 'error' }), 'online')).toBe('error');
  });

  it.each([
    ['hub not reachable (fetch failed)', 'unreachable'],
    ['hub answered 401: unknown workstation', 'credentialRefused'],
    ['hub answered 503', 'hubFailed'],
    ['snapshot interrupted (terminated)', 'interrupted'],
    ["another installation uses this workstation's identity; enroll this workstation again", 'clone'],
    ['hub answered 400: bad', 'hubRefused'],
    ['no such table: x', 'other'],
  ])('the last error "%s" is told as %s', (error, problem) => {
    expect(problemOf(error)).toBe(problem);
  });
});
