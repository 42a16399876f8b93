import { newId } from '../../common/ids';
import type { SettingKey, SettingValue } from '../../common/settings';
import { MUTATIONS, type MutationName } from '../../common/sync/mutations';
import { writePatient } from '../../db/queries/patients';
import { putSetting } from '../../db/queries/settings';
import type { TestApp } from './app';

/** Builders for issuing tests: RIS patients, studies with reports, portal accounts, result requests. */
export function portalFixture(t: TestApp) {
  const { store } = t.portal.app;
  const now = () => new Date(t.clock.now()).toISOString();
  let accession = 1;

  return {
    setting<K extends SettingKey>(key: K, value: SettingValue<K>) {
      putSetting(store, key, value, null, now());
    },

    patient(p: { mrn: string; given: string; family: string; dob: string; sex?: 'F' | 'M'; email?: string | null; mobile?: string | null }): string {
      const id = newId();
      writePatient(store, {
        id,
        clinic_id: t.clinicId,
        mrn: p.mrn,
        given_name: p.given,
        family_name: p.family,
        date_of_birth: p.dob,
        sex: p.sex ?? 'F',
        email: p.email === undefined ? `${p.given.toLowerCase()}@example.dk` : p.email,
        mobile: p.mobile === undefined ? '+4512345678' : p.mobile,
        postal_code: '8000',
        address_line: 'Testvej 1',
        city: 'Aarhus',
        created_at: now(),
        updated_at: now(),
        version: 0,
        deleted_at: null,
      });
      return id;
    },

    /** A study with an optional report; `validatedAt` null leaves it not validated. */
    study(patientId: string, o: { report?: 'final' | 'preliminary' | 'draft' | null; finalAt?: string; validatedAt?: string | null; date?: string } = {}): string {
      const id = newId();
      const at = now();
      const validatedAt = o.validatedAt === undefined ? at : o.validatedAt;
      store.sqlite
        .prepare(
          `INSERT INTO study (id, clinic_id, patient_id, accession_number, modality, description, study_date, validated, validated_at, created_at, updated_at)
           VALUES (?, ?, ?, ?, 'CT', 'CT thorax', ?, ?, ?, ?, ?)`,
        )
        .run(id, t.clinicId, patientId, `T${String(accession++).padStart(6, '0')}`, o.date ?? at.slice(0, 10), validatedAt ? 1 : 0, validatedAt, at, at);
      const report = o.report === undefined ? 'final' : o.report;
      if (report) {
        store.sqlite
          .prepare('INSERT INTO report (id, clinic_id, study_id, status, final_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(newId(), t.clinicId, id, report, report === 'final' ? (o.finalAt ?? at) : null, at, at);
      }
      return id;
    },

    account(patientId: string, email = 'portal@example.dk'): string {
      const id = newId();
      store.run(
        store.k.insertInto('portal_account').values({
          id, clinic_id: t.clinicId, patient_id: patientId, username: null, email,
          right_econsultation: 0, right_ebooking: 0, right_eprescription: 0, wants_electronic_reply: 0, access_enabled: 1,
          must_change_password: 0, created_by: null, created_at: now(), updated_at: now(), version: 3, deleted_at: null,
        }),
      );
      return id;
    },

    request(o: { patientId?: string | null; accountId?: string | null; status?: 'new' | 'handled'; version?: number; requester?: Partial<Record<'given' | 'family' | 'dob' | 'sex' | 'email' | 'mobile', string>> } = {}): string {
      const id = newId();
      store.run(
        store.k.insertInto('result_request').values({
          id, clinic_id: t.clinicId, account_id: o.accountId ?? null, patient_id: o.patientId ?? null, message: 'please',
          status: o.status ?? 'new', handled_by: null, handled_at: null, created_at: now(), version: o.version ?? 7, deleted_at: null,
          requester_given_name: o.requester?.given ?? null, requester_family_name: o.requester?.family ?? null,
          requester_date_of_birth: o.requester?.dob ?? null, requester_sex: o.requester?.sex ?? null,
          requester_email: o.requester?.email ?? null, requester_mobile: o.requester?.mobile ?? null,
        }),
      );
      return id;
    },

    count(sql: string, ...params: unknown[]): number {
      return (store.sqlite.prepare(`SELECT count(*) AS n FROM ${sql}`).get(...params) as { n: number }).n;
    },

    /** Outbox mutations by name, args parsed and checked against their declared schema. */
    mutations(name: MutationName) {
      const rows = store.sqlite.prepare('SELECT mutation_id, args FROM sync_outbox WHERE name = ? ORDER BY mutation_id').all(name) as Array<{ mutation_id: number; args: string }>;
      return rows.map((r) => MUTATIONS[name].parse(JSON.parse(r.args)) as Record<string, unknown> & { put?: Record<string, Array<Record<string, unknown>>> });
    },

    audits(action: string) {
      return store.sqlite
        .prepare('SELECT staff_id, patient_id, entity_type, entity_id, outcome, detail FROM audit_event WHERE action = ? ORDER BY rowid')
        .all(action) as Array<Record<string, string | null>>;
    },

    /** Everything written anywhere, as one string: a secret must not be in it. */
    everything(): string {
      const tables = (store.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name);
      return tables.map((name) => JSON.stringify(store.sqlite.prepare(`SELECT * FROM "${name}"`).all())).join('\n');
    },
  };
}

export type PortalFixture = ReturnType<typeof portalFixture>;
