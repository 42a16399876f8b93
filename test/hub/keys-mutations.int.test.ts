import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEnrollmentCode } from '../../hub/sync/enroll';
import { createTestApp, type TestApp } from '../helpers/app';
import { portalFixture } from '../helpers/issuing';
import { startTestHub, type TestHub } from '../helpers/sync';

let hub: TestHub;
let t: TestApp;
let anna: string;
let finals: string[];

beforeEach(async () => {
  hub = await startTestHub();
  t = await createTestApp();
  const f = portalFixture(t);
  f.setting('portal.enabled', true);
  anna = f.patient({ mrn: 'M1', given: 'Anna', family: 'Berg', dob: '1980-02-03' });
  finals = [f.study(anna), f.study(anna)];
  await t.addStaff('media', ['media_management']);
  await t.addStaff('ada', ['portal_admin']);
  await t.portal.app.sync.enroll(hub.url, await createEnrollmentCode(hub.hub.hub));
  await t.signIn('media');
  await t.value('sync.now', {});
});
afterEach(async () => {
  t.close();
  await hub.close();
});

const hubKey = async (id: string) =>
  (await hub.hub.hub.store.db.selectFrom('e_issued_key' as never).selectAll().where('id' as never, '=', id as never).executeTakeFirst()) as Record<string, unknown> | undefined;

describe('issued keys at the hub', () => {
  it('an issued key reaches the hub with its studies and only the hash of its code; the patient is told once', async () => {
    const r = await t.value('keys.issue', { patientId: anna, studyIds: finals, identityConfirmed: true });
    await t.value('sync.now', {});
    const key = await hubKey(r.keyId);
    expect(key).toMatchObject({ patient_id: anna, code_hash: expect.stringMatching(/^scrypt\$/), disabled_at: null });
    expect(JSON.stringify(key)).not.toContain(r.code.replace(/-/g, ''));
    const studies = await hub.hub.hub.store.db.selectFrom('e_issued_key_study' as never).select('study_id' as never).where('key_id' as never, '=', r.keyId as never).execute();
    expect(studies.map((s) => (s as { study_id: string }).study_id).sort()).toEqual([...finals].sort());
    const mail = await hub.hub.hub.store.db.selectFrom('notify_outbox').select(['kind', 'channel']).execute();
    expect(mail).toEqual([{ kind: 'resultsReady', channel: 'email' }]);
  });

  it('disable reaches the hub; enabling from a version another workstation has since changed is a conflict', async () => {
    const r = await t.value('keys.issue', { patientId: anna, studyIds: finals, identityConfirmed: true });
    await t.value('sync.now', {});
    await t.value('keys.disable', { ids: [r.keyId] });
    await t.value('sync.now', {});
    expect(await hubKey(r.keyId)).toMatchObject({ disabled_reason: 'staff', disabled_at: expect.any(String) });
    // meanwhile another workstation of the clinic extended it (the hub's row moves on)
    await hub.hub.hub.store.db.updateTable('e_issued_key' as never).set({ version: 10_000 } as never).where('id' as never, '=', r.keyId as never).execute();
    await hub.hub.hub.store.db.updateTable('hub_meta').set({ seq: 10_000 }).execute();
    await hub.hub.hub.store.db.insertInto('change_log').values({ seq: 10_000, tx: 10_000, scope: t.clinicId, entity: 'issued_key', entity_id: r.keyId, op: 'put', data: null, client_id: 'another-workstation', mutation_id: 1, staff_name: 'Mads Media', at: '2026-11-22T10:32:00.000Z' }).execute();
    await t.value('keys.enable', { ids: [r.keyId] });
    await t.value('sync.now', {});
    const conflicts = await t.value('sync.conflicts', {});
    expect(conflicts).toEqual([expect.objectContaining({ kind: 'conflict', mutationName: 'keys.enable', entityId: r.keyId, handledBy: 'Mads Media' })]);
  });

  it('turning the portal off disables every live key with that reason, at the hub too', async () => {
    const r = await t.value('keys.issue', { patientId: anna, studyIds: finals, identityConfirmed: true });
    await t.signIn('ada', 'admin-tab');
    await t.value('settings.setPortalEnabled', { enabled: false, reason: 'going offline' }, 'admin-tab');
    await t.value('sync.now', {}, 'admin-tab');
    expect(await hubKey(r.keyId)).toMatchObject({ disabled_reason: 'portal-disabled' });
    await t.value('settings.setPortalEnabled', { enabled: true }, 'admin-tab');
    await t.value('sync.now', {}, 'admin-tab');
    // enabling the portal again restores nothing by itself
    expect(await hubKey(r.keyId)).toMatchObject({ disabled_reason: 'portal-disabled' });
  });
});
