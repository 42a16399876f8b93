import { MUTATIONS, isMutationName } from '../../common/sync/mutations';
import { toTimestamp } from '../../common/time';
import { putSetting } from '../../db/queries/settings';
import { generateClinicData } from '../../db/seed/generate';
import type { SettingKey, SettingValue } from '../../common/settings';
import { createTestApp, type TestApp } from './app';

/** A test app with a generated clinic, the portal on, and a front-desk and a media-management member. */
export async function portalTestApp(patients = 40): Promise<TestApp> {
  const t = await createTestApp();
  generateClinicData(t.portal.app.store, { seed: 11, patients, clinicId: t.clinicId, now: t.clock.now() });
  setSetting(t, 'portal.enabled', true);
  await t.addStaff('frida', ['front_desk']);
  await t.addStaff('mads', ['media_management']);
  await t.signIn('frida');
  return t;
}

export function setSetting<K extends SettingKey>(t: TestApp, key: K, value: SettingValue<K>): void {
  putSetting(t.portal.app.store, key, value, null, toTimestamp(t.clock.now()));
}

type Row = Record<string, unknown>;
export const rows = (t: TestApp, sql: string, ...params: unknown[]) => t.portal.app.store.sqlite.prepare(sql).all(...params) as Row[];
export const one = (t: TestApp, sql: string, ...params: unknown[]) => t.portal.app.store.sqlite.prepare(sql).get(...params) as Row | undefined;

/** Patients picked by what they have on file, in MRN order. */
export function patientIds(t: TestApp, where: 'email' | 'noEmail' | 'noPostal'): string[] {
  const cond = {
    email: 'email IS NOT NULL AND postal_code IS NOT NULL',
    noEmail: 'email IS NULL AND postal_code IS NOT NULL',
    noPostal: 'email IS NOT NULL AND postal_code IS NULL',
  }[where];
  return rows(t, `SELECT id FROM patient WHERE ${cond} ORDER BY mrn`).map((r) => r.id as string);
}

/** How much is written: domain rows, audit events (reads excluded) and outbox mutations. */
export function written(t: TestApp) {
  const n = (sql: string) => (one(t, sql)?.n as number) ?? 0;
  return {
    accounts: n('SELECT count(*) AS n FROM portal_account'),
    patientsUpdated: n("SELECT count(*) AS n FROM patient WHERE updated_at <> created_at"),
    former: n('SELECT count(*) AS n FROM portal_former_account'),
    emailChanges: n('SELECT count(*) AS n FROM portal_email_change'),
    audit: n("SELECT count(*) AS n FROM audit_event WHERE action NOT IN ('portal.read', 'patient.read', 'auth.signIn')"),
    outbox: n('SELECT count(*) AS n FROM sync_outbox'),
  };
}

/** The outbox, each mutation's args parsed with its declared schema (so a wrong shape fails here). */
export function outbox(t: TestApp): Array<{ id: number; name: string; args: Record<string, unknown>; raw: string }> {
  return rows(t, 'SELECT mutation_id, name, args FROM sync_outbox ORDER BY mutation_id').map((r) => {
    const name = r.name as string;
    if (!isMutationName(name)) throw new Error(`undeclared mutation ${name}`);
    const args = MUTATIONS[name].parse(JSON.parse(r.args as string)) as Record<string, unknown>;
    return { id: r.mutation_id as number, name, args, raw: r.args as string };
  });
}

export function audits(t: TestApp, action: string): Row[] {
  return rows(t, 'SELECT staff_id, patient_id, outcome, detail, entity_id FROM audit_event WHERE action = ? ORDER BY rowid', action);
}
