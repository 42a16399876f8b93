import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../../common/api';
import type { TestApp } from '../helpers/app';
import { audits, one, outbox, patientIds, portalTestApp, setSetting, written } from '../helpers/portal';

let t: TestApp;
let withEmail: string[];
beforeEach(async () => {
  t = await portalTestApp();
  withEmail = patientIds(t, 'email');
});
afterEach(() => t.close());

const P = () => withEmail[0] as string;
const create = (over: Partial<InputOf<'portal.create'>> = {}) => {
  const p = one(t, 'SELECT email, postal_code FROM patient WHERE id = ?', over.patientId ?? P());
  return t.call('portal.create', {
    patientId: P(),
    email: (p?.email as string) ?? '',
    postalCode: (p?.postal_code as string) ?? '',
    username: '',
    rights: ['econsultation', 'ebooking'],
    wantsElectronicReply: true,
    ...over,
  });
};

describe('portal.get: the status every screen shows', () => {
  it('says why a patient without access is inactive, and audits the read', async () => {
    const v = await t.value('portal.get', { patientId: P() });
    expect(v.status).toMatchObject({ kind: 'inactive', reasons: ['accessNotEnabled'], actions: ['create'] });
    expect(v.account).toBeNull();
    expect(audits(t, 'portal.read')).toEqual([expect.objectContaining({ patient_id: P(), outcome: 'ok' })]);
  });

  it('lists the missing email and postal code too', async () => {
    const [noEmail] = patientIds(t, 'noEmail');
    const v = await t.value('portal.get', { patientId: noEmail as string });
    expect(v.status.reasons).toEqual(['accessNotEnabled', 'noEmail']);
  });
});

describe('portal.create (Alt+P)', () => {
  it('creates the user, awaiting activation, and asks the hub for the activation link', async () => {
    const r = await create();
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const { view } = r.value;
    expect(view.status).toMatchObject({ kind: 'awaiting', group: 'invited', invited: true, invitationRequestedAt: expect.any(String) });
    expect(view.account).toMatchObject({ rights: ['econsultation', 'ebooking'], wantsElectronicReply: true, accessEnabled: true });
    const [m] = outbox(t);
    expect(m).toMatchObject({ name: 'portal.create', args: { send: 'activation', activate: false, accountId: view.account?.id, patientId: P() } });
    const put = (m?.args.put as Record<string, Array<Record<string, unknown>>>).portal_account?.[0];
    expect(put).toMatchObject({ id: view.account?.id, right_econsultation: 1, right_ebooking: 1, right_eprescription: 0, temp_password_hash: null });
    expect(audits(t, 'portal.create')).toEqual([expect.objectContaining({ patient_id: P(), entity_id: view.account?.id, detail: expect.stringContaining('rights: econsultation,ebooking') })]);
  });

  it('activates at once when the clinic activates without further confirmation', async () => {
    setSetting(t, 'portal.activateWithoutConfirmation', true);
    const v = await t.value('portal.create', { patientId: P(), email: 'a.b@example.dk', postalCode: '8000', username: '', rights: [], wantsElectronicReply: false });
    expect(v.view.status).toMatchObject({ kind: 'active', lastSignInAt: null });
    expect(outbox(t)[0]?.args).toMatchObject({ activate: true, send: 'welcome' });
  });

  it('writes the email and postal code typed in the form to the patient on file', async () => {
    await t.value('portal.create', { patientId: P(), email: 'new.address@example.dk', postalCode: '2100', username: '', rights: [], wantsElectronicReply: false });
    expect(one(t, 'SELECT email, postal_code FROM patient WHERE id = ?', P())).toEqual({ email: 'new.address@example.dk', postal_code: '2100' });
    const put = outbox(t)[0]?.args.put as Record<string, unknown[]>;
    expect(put.patient).toEqual([expect.objectContaining({ id: P(), email: 'new.address@example.dk' })]);
  });

  it('refuses a second account for the same patient', async () => {
    await create();
    expect(await create()).toMatchObject({ ok: false, error: { code: 'conflict', key: 'portal.errors.alreadyHasAccount' } });
  });
});

describe('bad input: a message at the field, nothing written (no rows, no audit, no outbox)', () => {
  const cases: Array<[string, () => Promise<Partial<InputOf<'portal.create'>>>, { field: string; key: string }]> = [
    ['an invalid email', async () => ({ email: 'not-an-address' }), { field: 'email', key: 'errors.email' }],
    ['no email and no temporary password', async () => ({ email: '' }), { field: 'email', key: 'portal.errors.emailOrTempPassword' }],
    ['a missing postal code', async () => ({ postalCode: '' }), { field: 'postalCode', key: 'portal.errors.postalCodeNeeded' }],
    ['a malformed postal code', async () => ({ postalCode: '8!' }), { field: 'postalCode', key: 'portal.errors.postalCodeFormat' }],
    ['a username with spaces', async () => ({ username: 'anne hansen' }), { field: 'username', key: 'errors.usernameChars' }],
    ['a taken username', async () => {
      await t.value('portal.create', { patientId: withEmail[1] as string, email: 'x@example.dk', postalCode: '8000', username: 'anne.h', rights: [], wantsElectronicReply: false });
      return { username: 'Anne.H' };
    }, { field: 'username', key: 'portal.errors.usernameTaken' }],
    ['a weak temporary password', async () => ({ email: '', tempPassword: { mode: 'typed', password: 'password1234' } }), { field: 'tempPassword', key: 'errors.passwordCommon' }],
    ['a short temporary password', async () => ({ email: '', tempPassword: { mode: 'typed', password: 'k7f-x2q' } }), { field: 'tempPassword', key: 'errors.passwordTooShort' }],
    ['a right the clinic does not offer', async () => {
      setSetting(t, 'portal.offeredRights', ['econsultation']);
      return { rights: ['ebooking'] };
    }, { field: 'rights', key: 'portal.errors.rightNotOffered' }],
  ];

  it.each(cases)('%s', async (_name, prepare, at) => {
    const over = await prepare();
    const before = written(t);
    const r = await create(over);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', ...at } });
    expect(written(t)).toEqual(before);
  });

  it('a taken username comes with a free suggestion', async () => {
    await t.value('portal.create', { patientId: withEmail[1] as string, email: 'x@example.dk', postalCode: '8000', username: 'anne.h', rights: [], wantsElectronicReply: false });
    const r = await create({ username: 'anne.h' });
    if (r.ok) throw new Error('expected an error');
    const suggestion = String(r.error.params?.suggestion);
    expect((await t.value('portal.checkUsername', { username: suggestion })).free).toBe(true);
  });

  it('patients sharing one email each need their own username, and get a suggestion', async () => {
    await t.value('portal.create', { patientId: withEmail[1] as string, email: 'family@example.dk', postalCode: '8000', username: '', rights: [], wantsElectronicReply: false });
    const before = written(t);
    const r = await create({ email: 'Family@example.dk' });
    expect(r).toMatchObject({ ok: false, error: { field: 'username', key: 'portal.errors.usernameNeededShared', params: { suggestion: expect.any(String) } } });
    expect(written(t)).toEqual(before);
    const suggestion = r.ok ? '' : String(r.error.params?.suggestion);
    expect((await create({ email: 'family@example.dk', username: suggestion })).ok).toBe(true);
    expect((await t.value('portal.get', { patientId: P() })).emailSharedWith).toBe(1);
  });
});

describe('portal.checkUsername: as you type', () => {
  it('is green only when valid and free; an account\'s own username is free for it', async () => {
    expect(await t.value('portal.checkUsername', { username: 'ab' })).toEqual({ username: 'ab', problem: 'errors.usernameTooShort', free: false });
    expect(await t.value('portal.checkUsername', { username: ' Anne.Hansen ' })).toEqual({ username: 'anne.hansen', problem: null, free: true });
    await create({ username: 'anne.hansen' });
    expect((await t.value('portal.checkUsername', { username: 'anne.hansen' })).free).toBe(false);
    expect((await t.value('portal.checkUsername', { username: 'anne.hansen', patientId: P() })).free).toBe(true);
  });
});
