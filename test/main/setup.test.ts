import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPortalApp, type PortalApp } from '../../main/app';
import { silentLogger } from '../../main/log';
import { DEMO_ACCOUNTS } from '../../main/services/demo';
import { TEST_SCRYPT } from '../helpers/app';
import { TestClock } from '../helpers/clock';
import { tempDir } from '../helpers/tmp';

let tmp: ReturnType<typeof tempDir>;
let portal: PortalApp;
const call = (method: string, input: unknown) => portal.dispatch({ clientId: 'c', transport: 'http' }, method, input);

beforeEach(() => {
  tmp = tempDir();
  portal = createPortalApp({ dataDir: tmp.dir, appVersion: 't', scrypt: TEST_SCRYPT }, { clock: new TestClock(), log: silentLogger });
});
afterEach(() => {
  portal.close();
  tmp.cleanup();
});

describe('first run', () => {
  it('an empty data directory asks for setup', async () => {
    expect(await call('session.state', {})).toMatchObject({ ok: true, value: { setup: 'needed', demo: false, staff: null } });
  });

  it('creates the first admin and signs them in; a second setup is refused', async () => {
    const r = await call('setup.createAdmin', { clinicName: 'Nordklinik', username: 'Boss', displayName: 'B. Oss', password: 'four words in a row' });
    expect(r).toMatchObject({ ok: true, value: { setup: 'ready', clinic: { name: 'Nordklinik' }, staff: { username: 'boss', roles: ['portal_admin'] } } });
    expect(await call('setup.openDemo', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('refuses a weak first password at its field and writes nothing', async () => {
    const r = await call('setup.createAdmin', { clinicName: 'N', username: 'boss', displayName: 'B', password: 'password1234' });
    expect(r).toMatchObject({ ok: false, error: { field: 'password', key: 'errors.passwordCommon' } });
    expect(portal.app.store.sqlite.prepare('SELECT count(*) AS n FROM staff_user').get()).toEqual({ n: 0 });
    expect(portal.app.store.sqlite.prepare('SELECT count(*) AS n FROM clinic').get()).toEqual({ n: 0 });
  });

  it('opens the demo clinic: 50 patients, the demo accounts shown, each able to sign in', async () => {
    const r = await call('setup.openDemo', {});
    expect(r).toMatchObject({ ok: true, value: { setup: 'ready', demo: true } });
    if (r.ok) expect((r.value as { demoAccounts: unknown[] }).demoAccounts).toEqual(DEMO_ACCOUNTS);
    expect(portal.app.store.sqlite.prepare('SELECT count(*) AS n FROM patient').get()).toEqual({ n: 50 });
    for (const a of DEMO_ACCOUNTS) {
      expect((await call('auth.signIn', { username: a.username, password: a.password })).ok).toBe(true);
    }
  });

  it('a real clinic never shows demo accounts', async () => {
    await call('setup.createAdmin', { clinicName: 'N', username: 'boss', displayName: 'B', password: 'four words in a row' });
    expect(await call('session.state', {})).toMatchObject({ ok: true, value: { demo: false, demoAccounts: [] } });
  });
});
