import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BOOTSTRAP_PREFIX, LISTENING_PREFIX, NO_BOOTSTRAP_LINE } from '../../common/sync/hubBanner';
import { startEmbeddedHub, type EmbeddedHub } from '../../main/sync/embedded';

/**
 * A stand-in for dist/hub/cli.mjs that answers as a busy machine's hub does: the URL line first,
 * the bootstrap line in a later chunk (the real hub looks up its clients and makes a code in between).
 */
function fakeHub(dir: string, second: string): string {
  const file = join(dir, 'hub.mjs');
  writeFileSync(file, `process.stdout.write(${JSON.stringify(`${LISTENING_PREFIX}http://127.0.0.1:9\n`)});
setTimeout(() => process.stdout.write(${JSON.stringify(`${second}\n`)}), 300);
setInterval(() => {}, 1000);
process.on('SIGTERM', () => process.exit(0));
`);
  return file;
}

let dir: string;
let hub: EmbeddedHub | undefined;
afterEach(async () => {
  await hub?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the embedded demo hub', () => {
  it('waits for the bootstrap line even when it comes well after the URL (else the demo never enrolls)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'embedded-'));
    hub = await startEmbeddedHub({ hubEntry: fakeHub(dir, `${BOOTSTRAP_PREFIX}ABCD-EFGH-JKMN`), dataDir: dir });
    expect(hub).toMatchObject({ url: 'http://127.0.0.1:9', bootstrapCode: 'ABCD-EFGH-JKMN' });
  });

  it('has no code when the hub says a workstation is enrolled already', async () => {
    dir = mkdtempSync(join(tmpdir(), 'embedded-'));
    hub = await startEmbeddedHub({ hubEntry: fakeHub(dir, NO_BOOTSTRAP_LINE), dataDir: dir });
    expect(hub.bootstrapCode).toBeNull();
  });
});
