import { describe, expect, it } from 'vitest';
import { readLaunchConfig } from '../../main/config';

describe('launch configuration', () => {
  it('flags win over environment variables', () => {
    const c = readLaunchConfig(['--data-dir', '/flag', '--port', '8123'], { PORTAL_DATA_DIR: '/env', PORTAL_PORT: '9000', PORTAL_HUB_URL: 'http://127.0.0.1:7000' });
    expect(c).toEqual({ dataDir: '/flag', port: 8123, hubUrl: 'http://127.0.0.1:7000', idleLockSeconds: undefined, demoEid: true });
  });

  it('defaults: the entry point picks the data directory, the port is random', () => {
    expect(readLaunchConfig([], {})).toEqual({ dataDir: undefined, port: 0, hubUrl: undefined, idleLockSeconds: undefined, demoEid: true });
  });

  it('the embedded demo hub offers the DEMO eID unless told not to', () => {
    expect(readLaunchConfig(['--no-demo-eid'], {}).demoEid).toBe(false);
    expect(readLaunchConfig([], { PORTAL_DEMO_EID: '0' }).demoEid).toBe(false);
    expect(readLaunchConfig(['--demo-eid'], { PORTAL_DEMO_EID: '0' }).demoEid).toBe(true);
  });

  it('says which value is wrong', () => {
    expect(() => readLaunchConfig(['--port', 'eighty'], {})).toThrow(/port must be a whole number/);
  });
});
