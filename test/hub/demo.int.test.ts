import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../common/ids';
import { createHub, type Hub } from '../../hub/app';
import { silentHubLogger } from '../../hub/context';
import { createEnrollmentCode, redeemEnrollment } from '../../hub/sync/enroll';
import { handlePush } from '../../hub/sync/push';
import { TestClock } from '../helpers/clock';
import { tempDir } from '../helpers/tmp';

let hub: Hub | undefined;
afterEach(async () => hub?.close());

async function pushDemoRows(demo: boolean) {
  hub = await createHub({ dataDir: tempDir().dir, clock: new TestClock(), log: silentHubLogger, demo, notify: { autoStart: false } });
  const clinicId = newId();
  const r = await redeemEnrollment(hub.hub, { code: await createEnrollmentCode(hub.hub), clientId: newId(), clinic: { id: clinicId, name: 'Demo' } });
  if (!r.ok) throw new Error(r.error);
  const request = { id: newId(), clinic_id: clinicId, status: 'new', created_at: '2026-11-22T09:00:00.000Z', version: 0, deleted_at: null };
  const out = await handlePush(hub.hub, { clientId: r.clientId, clinicId }, [{ id: 1, name: 'demo.hubRows', args: { put: { result_request: [request] } } }]);
  const rows = await hub.hub.store.db.selectFrom('e_result_request' as never).select('id' as never).execute();
  return { status: out.status === 200 ? out.body.results[0]?.status : out.status, rows: rows.length };
}

describe('demo data on the hub', () => {
  it('the demo hub takes the demo clinic\'s made-up patient requests', async () => {
    expect(await pushDemoRows(true)).toEqual({ status: 'applied', rows: 1 });
  });

  it('a real hub refuses them: its patient records come from patients only', async () => {
    expect(await pushDemoRows(false)).toEqual({ status: 'forbidden', rows: 0 });
  });
});
