import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { methods, type MethodName } from '../../common/api';
import type { TestApp } from '../helpers/app';
import { audits, one, patientIds, portalTestApp, setSetting, written } from '../helpers/portal';

let t: TestApp;
beforeEach(async () => {
  t = await portalTestApp();
});
afterEach(() => t.close());

const portalMethods = (Object.keys(methods) as MethodName[]).filter((m) => m.startsWith('portal.'));
const staffOnly = portalMethods.filter((m) => m !== 'portal.get');

describe('front-desk permission, checked in the dispatcher', () => {
  it('every portal action needs portal.frontDesk', () => {
    for (const m of staffOnly) expect(methods[m].access).toBe('portal.frontDesk');
    // the status itself is shown in the patient header to everyone who may read the patient
    expect(methods['portal.get'].access).toBe('patient.read');
  });

  it.each(staffOnly)('%s is forbidden to media management, audited as denied, nothing else written', async (method) => {
    await t.signIn('mads');
    const before = written(t);
    const r = await t.portal.dispatch({ clientId: 'client-1', transport: 'http' }, method, { patientId: patientIds(t, 'email')[0] });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(audits(t, 'access.denied').at(-1)).toMatchObject({ outcome: 'denied', detail: method });
    expect({ ...written(t), audit: before.audit }).toEqual(before);
    expect(written(t).audit).toBe(before.audit + 1);
  });

  it('media management can still see the status in the patient header', async () => {
    await t.signIn('mads');
    expect((await t.value('portal.get', { patientId: patientIds(t, 'email')[0] as string })).status.kind).toBe('inactive');
  });
});

describe('while the clinic portal is turned off', () => {
  it('the status says Disabled and every change answers portal_disabled, writing nothing', async () => {
    const P = patientIds(t, 'email')[0] as string;
    const p = one(t, 'SELECT email, postal_code FROM patient WHERE id = ?', P);
    await t.value('portal.create', { patientId: P, email: p?.email as string, postalCode: p?.postal_code as string, username: '', rights: [], wantsElectronicReply: false });
    setSetting(t, 'portal.enabled', false);
    expect((await t.value('portal.get', { patientId: P })).status).toMatchObject({ kind: 'disabled', reasons: ['portalOff'], actions: [] });
    const before = written(t);
    const calls: Array<Promise<{ ok: boolean }>> = [
      t.call('portal.sendActivation', { patientId: P }),
      t.call('portal.sendReset', { patientId: P }),
      t.call('portal.setAccess', { patientId: P, enabled: false }),
      t.call('portal.delete', { patientId: P, confirmed: true }),
      t.call('portal.onboard', { patientIds: [P], send: true }),
    ];
    for (const r of await Promise.all(calls)) expect(r).toMatchObject({ ok: false, error: { code: 'portal_disabled' } });
    expect(written(t)).toEqual(before);
  });
});
