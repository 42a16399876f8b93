import type { InputOf, MethodName, ResultOf } from '../../common/api';
import { newId } from '../../common/ids';
import type { Role } from '../../common/permissions';
import type { Result } from '../../common/result';
import { insertStaff } from '../../db/queries/staff';
import { createPortalApp, type PortalApp } from '../../main/app';
import { silentLogger } from '../../main/log';
import { hashPassword } from '../../main/passwords';
import { staffRow } from '../../main/services/setup';
import { TestClock } from './clock';
import { tempDir } from './tmp';

/** Cheap scrypt for tests that sign in a lot; the real cost is asserted in its own test. */
export const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };
export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestApp {
  portal: PortalApp;
  clock: TestClock;
  dir: string;
  clinicId: string;
  call<M extends MethodName>(method: M, input: InputOf<M>, clientId?: string): Promise<Result<ResultOf<M>>>;
  /** Calls and returns the value, failing the test with the error otherwise. */
  value<M extends MethodName>(method: M, input: InputOf<M>, clientId?: string): Promise<ResultOf<M>>;
  addStaff(username: string, roles: Role[], opts?: { mustChangePassword?: boolean }): Promise<string>;
  signIn(username: string, clientId?: string): Promise<void>;
  close(): void;
}

export async function createTestApp(opts: { idleLockSeconds?: number } = {}): Promise<TestApp> {
  const tmp = tempDir();
  const clock = new TestClock();
  const portal = createPortalApp(
    { dataDir: tmp.dir, appVersion: 'test', scrypt: TEST_SCRYPT, ...(opts.idleLockSeconds ? { idleLockSeconds: opts.idleLockSeconds } : {}) },
    { clock, log: silentLogger },
  );
  const { store } = portal.app;
  const clinicId = newId();
  store.run(store.k.insertInto('clinic').values({ id: clinicId, name: 'Test Clinic', created_at: new Date(clock.now()).toISOString(), version: 0, deleted_at: null }));
  const call = <M extends MethodName>(method: M, input: InputOf<M>, clientId = 'client-1') =>
    portal.dispatch({ clientId, transport: 'http' }, method, input) as Promise<Result<ResultOf<M>>>;
  const app: TestApp = {
    portal,
    clock,
    dir: tmp.dir,
    clinicId,
    call,
    async value(method, input, clientId) {
      const r = await call(method, input, clientId);
      if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
      return r.value;
    },
    async addStaff(username, roles, o = {}) {
      const row = staffRow({ clinicId, username, displayName: username, passwordHash: await hashPassword(TEST_PASSWORD, TEST_SCRYPT), roles, mustChangePassword: o.mustChangePassword ?? false }, new Date(clock.now()).toISOString());
      insertStaff(store, row, roles);
      return row.id;
    },
    async signIn(username, clientId = 'client-1') {
      await app.value('auth.signIn', { username, password: TEST_PASSWORD }, clientId);
    },
    close() {
      portal.close();
      tmp.cleanup();
    },
  };
  return app;
}
