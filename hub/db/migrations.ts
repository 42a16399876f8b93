import { type Kysely, sql } from 'kysely';
import { ENTITIES, type EntityName } from '../../common/sync/entities';
import { newId } from '../../common/ids';
import type { HubDB } from './schema';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface HubMigration {
  version: number;
  name: string;
  up(db: AnyDb, dialect: 'sqlite' | 'postgres'): Promise<void>;
}

/** 64-bit counters: SQLite's INTEGER already is; STRICT tables accept no other spelling. */
const bigint = (dialect: 'sqlite' | 'postgres') => (dialect === 'sqlite' ? 'integer' : 'bigint');

/** A mirror table of a synced entity, from its column list: the same names as on workstations. */
export async function createEntityTable(db: AnyDb, dialect: 'sqlite' | 'postgres', name: EntityName): Promise<void> {
  let t = db.schema.createTable(`e_${name}`);
  for (const [col, type] of Object.entries(ENTITIES[name].columns)) {
    const sqlType = type === 'integer' ? bigint(dialect) : 'text';
    if (col === 'id') t = t.addColumn(col, 'text', (c) => c.primaryKey());
    else if (col === 'clinic_id') t = t.addColumn(col, 'text', (c) => c.notNull());
    else if (col === 'version') t = t.addColumn(col, sqlType, (c) => c.notNull().defaultTo(0));
    else t = t.addColumn(col, sqlType);
  }
  if (dialect === 'sqlite') t = t.modifyEnd(sql`strict`);
  await t.execute();
  await db.schema.createIndex(`e_${name}_clinic`).on(`e_${name}`).columns(['clinic_id', 'id']).execute();
}

/** Forward-only, each in its own transaction with its row in hub_migration. */
export const HUB_MIGRATIONS: readonly HubMigration[] = [
  {
    version: 1,
    name: 'sync',
    async up(db, dialect) {
      const int64 = bigint(dialect);
      const strict = (t: ReturnType<AnyDb['schema']['createTable']>) => (dialect === 'sqlite' ? t.modifyEnd(sql`strict`) : t);
      await strict(
        db.schema.createTable('hub_meta')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('epoch', 'text', (c) => c.notNull())
          .addColumn('seq', int64, (c) => c.notNull())
          .addColumn('horizon', int64, (c) => c.notNull()),
      ).execute();
      await db.insertInto('hub_meta').values({ id: 1, epoch: newId(), seq: 0, horizon: 0 }).execute();
      await strict(
        db.schema.createTable('enrollment')
          .addColumn('code_hash', 'text', (c) => c.primaryKey())
          .addColumn('clinic_id', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('used_at', 'text')
          .addColumn('used_by', 'text'),
      ).execute();
      await strict(
        db.schema.createTable('sync_client')
          .addColumn('client_id', 'text', (c) => c.primaryKey())
          .addColumn('clinic_id', 'text', (c) => c.notNull())
          .addColumn('credential_hash', 'text', (c) => c.notNull())
          .addColumn('last_applied', int64, (c) => c.notNull().defaultTo(0))
          .addColumn('label', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('last_seen_at', 'text')
          .addColumn('revoked_at', 'text'),
      ).execute();
      await strict(
        db.schema.createTable('mutation_result')
          .addColumn('client_id', 'text', (c) => c.notNull())
          .addColumn('mutation_id', int64, (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('args_hash', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('result', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('mutation_result_pk', ['client_id', 'mutation_id']),
      ).execute();
      await strict(
        db.schema.createTable('change_log')
          .addColumn('seq', int64, (c) => c.primaryKey())
          .addColumn('tx', int64, (c) => c.notNull())
          .addColumn('scope', 'text', (c) => c.notNull())
          .addColumn('entity', 'text', (c) => c.notNull())
          .addColumn('entity_id', 'text', (c) => c.notNull())
          .addColumn('op', 'text', (c) => c.notNull())
          .addColumn('data', 'text')
          .addColumn('client_id', 'text')
          .addColumn('mutation_id', int64)
          .addColumn('staff_name', 'text')
          .addColumn('at', 'text', (c) => c.notNull()),
      ).execute();
      await db.schema.createIndex('change_log_scope').on('change_log').columns(['scope', 'seq']).execute();
      await db.schema.createIndex('change_log_entity').on('change_log').columns(['entity', 'entity_id', 'seq']).execute();
    },
  },
  {
    version: 2,
    name: 'notify-outbox',
    async up(db, dialect) {
      // hub-only (not synced): the synced `notification` row carries the status to workstations
      let t = db.schema.createTable('notify_outbox')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('notification_id', 'text', (c) => c.notNull().unique())
        .addColumn('clinic_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text')
        .addColumn('params', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text');
      if (dialect === 'sqlite') t = t.modifyEnd(sql`strict`);
      await t.execute();
      await db.schema.createIndex('notify_outbox_due').on('notify_outbox').columns(['status', 'next_attempt_at']).execute();
    },
  },
  {
    version: 10,
    name: 'patient-portal',
    async up(db, dialect) {
      // hub-only (hub/patient/README.md): secrets stay hashed, nothing here syncs
      const strict = (t: ReturnType<AnyDb['schema']['createTable']>) => (dialect === 'sqlite' ? t.modifyEnd(sql`strict`) : t);
      const int = 'integer';
      await strict(
        db.schema.createTable('hub_secret')
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull()),
      ).execute();
      await strict(
        db.schema.createTable('patient_credential')
          .addColumn('account_id', 'text', (c) => c.primaryKey())
          .addColumn('clinic_id', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('must_change', int, (c) => c.notNull().defaultTo(0))
          .addColumn('temp_expires_at', 'text')
          .addColumn('updated_at', 'text', (c) => c.notNull()),
      ).execute();
      await strict(
        db.schema.createTable('account_token')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('purpose', 'text', (c) => c.notNull())
          .addColumn('clinic_id', 'text', (c) => c.notNull())
          .addColumn('subject_id', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('used_at', 'text'),
      ).execute();
      await db.schema.createIndex('account_token_subject').on('account_token').columns(['subject_id', 'purpose']).execute();
      await strict(
        db.schema.createTable('patient_session')
          .addColumn('id_hash', 'text', (c) => c.primaryKey())
          .addColumn('clinic_id', 'text', (c) => c.notNull())
          .addColumn('account_id', 'text', (c) => c.notNull())
          .addColumn('must_change', int, (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('last_seen_at', 'text', (c) => c.notNull())
          .addColumn('ended_at', 'text')
          .addColumn('ended_reason', 'text'),
      ).execute();
      await db.schema.createIndex('patient_session_account').on('patient_session').columns(['account_id', 'ended_at']).execute();
      await strict(
        db.schema.createTable('otp_challenge')
          .addColumn('id_hash', 'text', (c) => c.primaryKey())
          .addColumn('clinic_id', 'text', (c) => c.notNull())
          .addColumn('account_id', 'text', (c) => c.notNull())
          .addColumn('code_hash', 'text', (c) => c.notNull())
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('attempts', int, (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('used_at', 'text'),
      ).execute();
      await strict(
        db.schema.createTable('pending_registration')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('clinic_id', 'text', (c) => c.notNull())
          .addColumn('secret_hash', 'text', (c) => c.unique())
          .addColumn('email', 'text', (c) => c.notNull())
          .addColumn('given_name', 'text', (c) => c.notNull())
          .addColumn('family_name', 'text', (c) => c.notNull())
          .addColumn('date_of_birth', 'text', (c) => c.notNull())
          .addColumn('postal_code', 'text', (c) => c.notNull())
          .addColumn('mobile', 'text')
          .addColumn('language', 'text', (c) => c.notNull())
          .addColumn('verification', 'text', (c) => c.notNull())
          .addColumn('right_econsultation', int, (c) => c.notNull())
          .addColumn('right_ebooking', int, (c) => c.notNull())
          .addColumn('right_eprescription', int, (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull()),
      ).execute();
      await strict(
        db.schema.createTable('patient_audit')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('clinic_id', 'text')
          .addColumn('account_id', 'text')
          .addColumn('patient_id', 'text')
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('outcome', 'text', (c) => c.notNull())
          .addColumn('source', 'text')
          .addColumn('entity_id', 'text')
          .addColumn('detail', 'text'),
      ).execute();
      await db.schema.createIndex('patient_audit_clinic').on('patient_audit').columns(['clinic_id', 'at']).execute();
      await db.schema.createIndex('patient_audit_account').on('patient_audit').columns(['account_id', 'at']).execute();
      await strict(
        db.schema.createTable('document_content')
          .addColumn('document_id', 'text', (c) => c.primaryKey())
          .addColumn('clinic_id', 'text', (c) => c.notNull())
          .addColumn('content', dialect === 'sqlite' ? 'blob' : 'bytea', (c) => c.notNull()),
      ).execute();
    },
  },
  {
    version: 30,
    name: 'access-codes',
    async up(db, dialect) {
      // hub-only: a browser's short view of a key's studies after code + date of birth (hub/patient/accessSessions.ts)
      let t = db.schema.createTable('access_session')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('clinic_id', 'text', (c) => c.notNull())
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('ended_at', 'text')
        .addColumn('ended_reason', 'text');
      if (dialect === 'sqlite') t = t.modifyEnd(sql`strict`);
      await t.execute();
      await db.schema.createIndex('access_session_key').on('access_session').columns(['key_id', 'ended_at']).execute();
      // redemption reads mirror tables by columns other than id; on a new hub they are made here, before
      // syncEntityTables, which then only adds what the entity lists gained since
      const have = new Set((await db.introspection.getTables()).map((x) => x.name));
      for (const entity of ['issued_key', 'issued_key_study', 'report'] as const) {
        if (!have.has(`e_${entity}`)) await createEntityTable(db, dialect, entity);
      }
      await db.schema.createIndex('e_issued_key_lookup').on('e_issued_key').columns(['clinic_id', 'code_lookup']).execute();
      await db.schema.createIndex('e_issued_key_account').on('e_issued_key').columns(['account_id']).execute();
      await db.schema.createIndex('e_issued_key_study_key').on('e_issued_key_study').columns(['key_id']).execute();
      await db.schema.createIndex('e_report_study').on('e_report').columns(['study_id']).execute();
    },
  },
];

export async function migrateHub(db: Kysely<HubDB>, dialect: 'sqlite' | 'postgres'): Promise<number> {
  const any = db as unknown as AnyDb;
  await any.schema
    .createTable('hub_migration')
    .ifNotExists()
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  const done = new Set((await db.selectFrom('hub_migration').select('version').execute()).map((r) => Number(r.version)));
  const latest = HUB_MIGRATIONS[HUB_MIGRATIONS.length - 1]?.version ?? 0;
  if ([...done].some((v) => v > latest)) throw new Error(`the hub database is newer than this hub (${latest}); update the hub`);
  for (const m of HUB_MIGRATIONS) {
    if (done.has(m.version)) continue;
    await db.transaction().execute(async (trx) => {
      await m.up(trx as unknown as AnyDb, dialect);
      await trx.insertInto('hub_migration').values({ version: m.version, name: m.name, applied_at: new Date().toISOString() }).execute();
    });
  }
  await syncEntityTables(db, dialect);
  return latest;
}

/**
 * Mirror tables follow common/sync/entities.ts: a new entity gets its table, a new column is
 * added; nothing is ever dropped (an older workstation may still send it).
 */
export async function syncEntityTables(db: Kysely<HubDB>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const any = db as unknown as AnyDb;
  const tables = new Map((await db.introspection.getTables()).map((t) => [t.name, new Set(t.columns.map((c) => c.name))]));
  for (const name of Object.keys(ENTITIES) as EntityName[]) {
    const have = tables.get(`e_${name}`);
    if (!have) {
      await createEntityTable(any, dialect, name);
      continue;
    }
    for (const [col, type] of Object.entries(ENTITIES[name].columns)) {
      if (!have.has(col)) await any.schema.alterTable(`e_${name}`).addColumn(col, type === 'integer' ? bigint(dialect) : 'text').execute();
    }
  }
}
