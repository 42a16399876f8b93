import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkSymbol, CODE_ALPHABET, generateAccessCode, normalizeCode } from '../../common/rules/accessCode';
import { DAY_MS } from '../../common/time';
import { runCommand } from '../../db/command';
import { disableKeysForPortalOff } from '../../main/services/keys';
import { createTestApp, type TestApp } from '../helpers/app';
import { portalFixture, type PortalFixture } from '../helpers/issuing';

let t: TestApp;
let f: PortalFixture;
let anna: string;
let bo: string;
const iso = (ms: number) => new Date(ms).toISOString();

beforeEach(async () => {
  t = await createTestApp();
  f = portalFixture(t);
  f.setting('portal.enabled', true);
  anna = f.patient({ mrn: 'P100', given: 'Anna', family: 'Holm', dob: '1980-02-03' });
  bo = f.patient({ mrn: 'P200', given: 'Bo', family: 'Berg', dob: '1970-01-01' });
  await t.addStaff('media', ['media_management']);
  await t.addStaff('mads', ['media_management']);
  await t.addStaff('desk', ['front_desk']);
});
afterEach(() => t.close());

/** Moves the clock on; a long absence locks the session, so the media account signs in again. */
async function later(ms: number) {
  t.clock.advance(ms);
  await t.signIn('media');
}

async function issue(patientId: string, by = 'media') {
  await t.signIn(by);
  const study = f.study(patientId);
  return t.value('keys.issue', { patientId, studyIds: [study], identityConfirmed: true });
}

describe('keys.search (Issued-Key Mng)', () => {
  it('finds keys by Issuer ID and issued date range, newest first, with status, studies and issuer', async () => {
    const a = await issue(anna, 'media');
    await later(2 * DAY_MS);
    const b = await issue(bo, 'mads');
    await later(2 * DAY_MS);
    const c = await issue(bo, 'media');
    const now = t.clock.now();
    const all = await t.value('keys.search', { issuer: 'MEDIA' });
    expect(all.rows.map((r) => r.id)).toEqual([c.keyId, a.keyId]);
    expect(all.rows[1]).toMatchObject({ status: 'active', issuer: 'media', mrn: 'P100', familyName: 'Holm', lastUsedAt: null, studies: [expect.objectContaining({ accessionNumber: expect.stringMatching(/^T/) })] });
    const range = await t.value('keys.search', { issuer: 'media', from: iso(now - DAY_MS), to: iso(now) });
    expect(range.rows.map((r) => r.id)).toEqual([c.keyId]);
    const dates = await t.value('keys.search', { from: iso(now - 3 * DAY_MS), to: iso(now - DAY_MS) });
    expect(dates.rows.map((r) => r.id)).toEqual([b.keyId]);
    expect(f.audits('key.search').map((a) => a.detail)).toEqual(['2 keys', '1 keys', '1 keys']);
  });

  it('finds keys by patient information: name words, MRN, date of birth', async () => {
    const a = await issue(anna);
    const b = await issue(bo);
    expect((await t.value('keys.search', { text: 'hol' })).rows.map((r) => r.id)).toEqual([a.keyId]);
    expect((await t.value('keys.search', { text: 'berg bo' })).rows.map((r) => r.id)).toEqual([b.keyId]);
    expect((await t.value('keys.search', { text: 'P200' })).rows.map((r) => r.id)).toEqual([b.keyId]);
    expect((await t.value('keys.search', { text: '03-02-1980' })).rows.map((r) => r.id)).toEqual([a.keyId]);
  });

  it('a reversed date range is refused at the "to" field before anything is queried or audited', async () => {
    await issue(anna);
    const before = f.count('audit_event');
    const now = t.clock.now();
    expect(await t.call('keys.search', { from: iso(now), to: iso(now - DAY_MS) })).toMatchObject({
      ok: false, error: { code: 'invalid_input', field: 'to', key: 'errors.rangeReversed' },
    });
    expect(f.count('audit_event')).toBe(before);
  });

  it('finds the key of a code a patient reads out, and tells malformed, mistyped and unknown codes apart at the field', async () => {
    const a = await issue(anna);
    await issue(bo);
    const byCode = await t.value('keys.search', { code: a.code.toLowerCase().replace(/-/g, ' ') });
    expect(byCode.rows.map((r) => r.id)).toEqual([a.keyId]);
    const canonical = normalizeCode(a.code);
    const typo = canonical.slice(0, 3) + (canonical[3] === 'Z' ? 'Y' : 'Z') + canonical.slice(4);
    const before = f.count('audit_event');
    expect(await t.call('keys.search', { code: typo })).toMatchObject({ ok: false, error: { field: 'code', key: 'issuing.errors.codeCheck' } });
    expect(await t.call('keys.search', { code: `${a.code}-X` })).toMatchObject({ ok: false, error: { field: 'code', key: 'issuing.errors.code_length', params: { expected: 16, actual: 17 } } });
    expect(await t.call('keys.search', { code: 'ABCD-EFGH-JKMN-PQU1' })).toMatchObject({ ok: false, error: { field: 'code', key: 'issuing.errors.code_character' } });
    const stranger = generateAccessCode();
    expect(await t.call('keys.search', { code: stranger })).toMatchObject({ ok: false, error: { field: 'code', key: 'keys.errors.codeUnknown' } });
    expect(f.count('audit_event')).toBe(before);
  });

  it('shows expired and locked keys as such, with the last use the hub reported', async () => {
    const a = await issue(anna);
    const b = await issue(bo);
    const { store } = t.portal.app;
    store.sqlite
      .prepare("INSERT INTO issued_key_usage (id, clinic_id, key_id, redemptions, last_used_at, misses, locked_at, version) VALUES (?, ?, ?, 1, ?, 5, ?, 4)")
      .run('u1', t.clinicId, b.keyId, iso(t.clock.now()), iso(t.clock.now()));
    await later(31 * DAY_MS);
    const rows = (await t.value('keys.search', {})).rows;
    expect(rows.find((r) => r.id === a.keyId)?.status).toBe('expired');
    expect(rows.find((r) => r.id === b.keyId)).toMatchObject({ status: 'locked', misses: 5, lastUsedAt: expect.any(String) });
  });

  it('the expiring-soon view lists only active keys expiring within the days asked, soonest first', async () => {
    const a = await issue(anna);
    await later(10 * DAY_MS);
    const b = await issue(bo);
    await t.value('keys.disable', { ids: [b.keyId] });
    const c = await issue(bo);
    await later(15 * DAY_MS); // a expires in 5 days, c in 15
    const soon = await t.value('keys.search', { view: 'expiringSoon', expiringWithinDays: 7 });
    expect(soon.rows.map((r) => r.id)).toEqual([a.keyId]);
    const within20 = await t.value('keys.search', { view: 'expiringSoon', expiringWithinDays: 20 });
    expect(within20.rows.map((r) => r.id)).toEqual([a.keyId, c.keyId]);
  });
});

describe('disable, enable, extend', () => {
  it('disable: the key is disabled, the hub is told (whole row, reason), each key audited with patient and studies', async () => {
    const a = await issue(anna);
    const b = await issue(bo);
    const r = await t.value('keys.disable', { ids: [a.keyId, b.keyId] });
    expect(r).toMatchObject({ changed: 2, unchanged: 0 });
    expect(r.keys.map((k) => [k.status, k.disabledReason])).toEqual([['disabled', 'staff'], ['disabled', 'staff']]);
    const [m] = f.mutations('keys.disable');
    expect(m?.reason).toBe('staff');
    expect(m?.put?.issued_key?.map((k) => [k.id, k.disabled_reason, typeof k.disabled_at])).toEqual(
      expect.arrayContaining([[a.keyId, 'staff', 'string'], [b.keyId, 'staff', 'string']]),
    );
    expect(f.audits('key.disable')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ patient_id: anna, entity_id: a.keyId, staff_id: expect.any(String), detail: expect.stringMatching(/^studies T\d+$/) }),
        expect.objectContaining({ patient_id: bo, entity_id: b.keyId }),
      ]),
    );
    // disabling again changes nothing and queues nothing
    expect(await t.value('keys.disable', { ids: [a.keyId] })).toMatchObject({ changed: 0, unchanged: 1 });
    expect(f.mutations('keys.disable')).toHaveLength(1);
  });

  it('enable: a disabled key is active again; refused while the portal is disabled', async () => {
    const a = await issue(anna);
    await t.value('keys.disable', { ids: [a.keyId] });
    f.setting('portal.enabled', false);
    expect(await t.call('keys.enable', { ids: [a.keyId] })).toMatchObject({ ok: false, error: { code: 'portal_disabled', key: 'keys.errors.enablePortalDisabled' } });
    f.setting('portal.enabled', true);
    const r = await t.value('keys.enable', { ids: [a.keyId] });
    expect(r.keys[0]).toMatchObject({ status: 'active', disabledAt: null, disabledReason: null });
    expect(f.mutations('keys.enable')[0]?.put?.issued_key?.[0]).toMatchObject({ id: a.keyId, disabled_at: null, disabled_reason: null });
    expect(f.audits('key.enable')).toEqual([expect.objectContaining({ entity_id: a.keyId, patient_id: anna })]);
  });

  it('extend: moves expiry later (never shorter), revives an expired key, and audits the new date', async () => {
    const a = await issue(anna);
    await later(20 * DAY_MS);
    const b = await issue(bo);
    await later(15 * DAY_MS); // a expired 5 days ago; b expires in 15 days
    const target = iso(t.clock.now() + 10 * DAY_MS);
    const r = await t.value('keys.extend', { ids: [a.keyId, b.keyId], expiresAt: target });
    expect(r).toMatchObject({ changed: 1, unchanged: 1 });
    expect(r.keys.find((k) => k.id === a.keyId)).toMatchObject({ status: 'active', expiresAt: target });
    expect(r.keys.find((k) => k.id === b.keyId)?.expiresAt).toBe(iso(Date.parse(b.issuedAt) + 30 * DAY_MS));
    expect(f.mutations('keys.extend')[0]?.put?.issued_key?.map((k) => [k.id, k.expires_at])).toEqual([[a.keyId, target]]);
    expect(f.audits('key.extend')).toEqual([expect.objectContaining({ entity_id: a.keyId, detail: expect.stringContaining(`expires ${target}`) })]);
  });

  it('extend to a past date (or more than a year ahead) is refused at the field, and nothing is written', async () => {
    const a = await issue(anna);
    const before = f.everything();
    expect(await t.call('keys.extend', { ids: [a.keyId], expiresAt: iso(t.clock.now() - 1) })).toMatchObject({
      ok: false, error: { code: 'invalid_input', field: 'expiresAt', key: 'keys.errors.extendPast' },
    });
    expect(await t.call('keys.extend', { ids: [a.keyId], expiresAt: iso(t.clock.now() + 400 * DAY_MS) })).toMatchObject({
      ok: false, error: { field: 'expiresAt', key: 'keys.errors.extendTooFar' },
    });
    expect(f.everything()).toBe(before);
  });

  it('an unknown key is not_found and nothing is written; an empty selection is refused at the field', async () => {
    const a = await issue(anna);
    const before = f.everything();
    expect(await t.call('keys.disable', { ids: [a.keyId, '0190f0f0-0000-7000-8000-000000000000'] })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await t.call('keys.disable', { ids: [] })).toMatchObject({ ok: false, error: { field: 'ids', key: 'errors.tooFew' } });
    expect(f.everything()).toBe(before);
  });

  it('front desk may not search, disable, enable, extend or unlock: forbidden at the dispatcher, each refusal audited', async () => {
    const a = await issue(anna);
    await t.signIn('desk');
    const tries = [
      t.call('keys.search', {}),
      t.call('keys.disable', { ids: [a.keyId] }),
      t.call('keys.enable', { ids: [a.keyId] }),
      t.call('keys.extend', { ids: [a.keyId], expiresAt: iso(t.clock.now() + DAY_MS) }),
      t.call('keys.unlock', { ids: [a.keyId] }),
    ];
    for (const r of await Promise.all(tries)) expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(f.audits('access.denied').map((a) => a.detail).sort()).toEqual(['keys.disable', 'keys.enable', 'keys.extend', 'keys.search', 'keys.unlock']);
    expect(f.mutations('keys.disable')).toEqual([]);
    expect(f.mutations('keys.unlock')).toEqual([]);
  });
});

describe('the portal switched off (for the portal configuration)', () => {
  it('disables every live key with the reason "portal-disabled", tells the hub, and enabling again is a staff decision per key', async () => {
    const a = await issue(anna);
    const b = await issue(bo);
    await t.value('keys.disable', { ids: [b.keyId] });
    const { store, clock, workstationId } = t.portal.app;
    const n = runCommand({ store, clock, actor: { staffId: null, workstationId } }, { run: (w) => disableKeysForPortalOff(w), audit: { action: 'portal.disable' } });
    expect(n).toBe(1);
    expect(f.mutations('keys.disable').map((m) => [m.reason, m.put?.issued_key?.map((k) => k.id)])).toEqual([
      ['staff', [b.keyId]],
      ['portal-disabled', [a.keyId]],
    ]);
    const rows = (await t.value('keys.search', {})).rows;
    expect(rows.find((r) => r.id === a.keyId)).toMatchObject({ status: 'disabled', disabledReason: 'portal-disabled' });
    expect(rows.find((r) => r.id === b.keyId)).toMatchObject({ status: 'disabled', disabledReason: 'staff' });
    expect((await t.value('keys.enable', { ids: [a.keyId] })).keys[0]?.status).toBe('active');
  });
});

describe('a code typed by staff', () => {
  it('every single-character typo of a real code is caught by the check, never sent to the hash', async () => {
    const a = await issue(anna);
    const canonical = normalizeCode(a.code);
    for (let i = 0; i < canonical.length; i += 5) {
      const other = CODE_ALPHABET[(CODE_ALPHABET.indexOf(canonical[i] as string) + 1) % 32] as string;
      const typo = canonical.slice(0, i) + other + canonical.slice(i + 1);
      expect(await t.call('keys.search', { code: typo })).toMatchObject({ ok: false, error: { key: 'issuing.errors.codeCheck' } });
    }
    expect(checkSymbol(canonical.slice(0, 15))).toBe(canonical[15]);
  });
});
