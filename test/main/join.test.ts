import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InputOf, MethodName, ResultOf } from '../../common/api';
import type { Result } from '../../common/result';
import { generateClinicData } from '../../db/seed/generate';
import { createEnrollmentCode } from '../../hub/sync/enroll';
import { createPortalApp, type PortalApp } from '../../main/app';
import { silentLogger } from '../../main/log';
import { createTestApp, TEST_PASSWORD, TEST_SCRYPT, type TestApp } from '../helpers/app';
import { TestClock } from '../helpers/clock';
import { startTestHub, type TestHub } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';

/** Workstation A: the founding one, enrolled with the hub, its clinic uploaded. */
let a: TestApp;
let hub: TestHub;
/** Workstation B: a fresh, empty data directory. */
let b: { portal: PortalApp; cleanup(): void };

const callB = <M extends MethodName>(method: M, input: InputOf<M>) =>
  b.portal.dispatch({ clientId: 'b-1', transport: 'http' }, method, input) as Promise<Result<ResultOf<M>>>;

beforeEach(async () => {
  hub = await startTestHub();
  a = await createTestApp();
  generateClinicData(a.portal.app.store, { seed: 5, patients: 8, clinicId: a.clinicId, now: a.clock.now() });
  await a.addStaff('frida', ['front_desk']);
  await a.addStaff('ada', ['portal_admin']);
  await a.signIn('ada');
  await a.value('sync.enroll', { hubUrl: hub.url, code: await createEnrollmentCode(hub.hub.hub) });
  await a.value('sync.now', {});
  const tmp = tempDir();
  const portal = createPortalApp({ dataDir: tmp.dir, appVersion: 'test', scrypt: TEST_SCRYPT }, { clock: new TestClock(), log: silentLogger });
  b = { portal, cleanup: tmp.cleanup };
});
afterEach(async () => {
  for (const app of [a.portal.app, b.portal.app]) await app.sync.idle();
  a.close();
  b.portal.close();
  b.cleanup();
  await hub.close();
});

describe('joining a clinic from an empty workstation', () => {
  it('the join code fills the workstation from the hub; its staff sign in with their own passwords and rights', async () => {
    expect(await callB('session.state', {})).toMatchObject({ ok: true, value: { setup: 'needed' } });
    const joined = await callB('setup.joinClinic', { hubUrl: hub.url, code: await createEnrollmentCode(hub.hub.hub, { clinicId: a.clinicId }) });
    expect(joined).toMatchObject({ ok: true, value: { setup: 'ready', clinic: { id: a.clinicId, name: 'Test Clinic' }, staff: null } });
    const signedIn = await callB('auth.signIn', { username: 'frida', password: TEST_PASSWORD });
    expect(signedIn).toMatchObject({ ok: true, value: { staff: { username: 'frida', roles: ['front_desk'] } } });
    const found = await callB('patients.search', { text: 'P10000', limit: 50 });
    expect(found.ok && found.value.rows).toHaveLength(8);
    // a wrong password still fails there: the hash travelled, not a way around it
    expect(await callB('auth.signIn', { username: 'ada', password: 'not the password at all' })).toMatchObject({ ok: false, error: { field: 'password' } });
  });

  it('a code that founds a clinic is refused at the code, and the workstation stays empty', async () => {
    const r = await callB('setup.joinClinic', { hubUrl: hub.url, code: await createEnrollmentCode(hub.hub.hub) });
    expect(r).toMatchObject({ ok: false, error: { field: 'code', key: 'errors.joinCodeNeeded' } });
    expect(await callB('session.state', {})).toMatchObject({ ok: true, value: { setup: 'needed', clinic: null } });
  });

  it('is offered only while the workstation is empty', async () => {
    const r = await a.call('setup.joinClinic', { hubUrl: hub.url, code: await createEnrollmentCode(hub.hub.hub, { clinicId: a.clinicId }) });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict', key: 'errors.alreadySetUp' } });
  });
});
