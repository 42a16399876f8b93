/**
 * The hub's own tables (sync bookkeeping). Mirror tables of synced entities have the columns of
 * common/sync/entities.ts and are reached through `entityDb()` in hub/sync/changes.ts.
 */
export interface HubMetaTable {
  id: number;
  epoch: string;
  seq: number;
  horizon: number;
}

export interface EnrollmentTable {
  code_hash: string;
  clinic_id: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  used_by: string | null;
}

export interface SyncClientTable {
  client_id: string;
  clinic_id: string;
  credential_hash: string;
  last_applied: number;
  label: string | null;
  created_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
}

export interface MutationResultTable {
  client_id: string;
  mutation_id: number;
  name: string;
  args_hash: string;
  status: string;
  result: string;
  created_at: string;
}

export interface ChangeLogTable {
  seq: number;
  tx: number;
  scope: string;
  entity: string;
  entity_id: string;
  op: string;
  data: string | null;
  client_id: string | null;
  mutation_id: number | null;
  staff_name: string | null;
  at: string;
}

export interface HubMigrationTable {
  version: number;
  name: string;
  applied_at: string;
}

/** hub/notify: one row per email or SMS asked for; content erased once it is sent or given up. */
export interface NotifyOutboxTable {
  key: string;
  notification_id: string;
  clinic_id: string;
  kind: string;
  channel: string;
  language: string;
  recipient: string | null;
  params: string | null;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface HubDB {
  hub_meta: HubMetaTable;
  enrollment: EnrollmentTable;
  sync_client: SyncClientTable;
  mutation_result: MutationResultTable;
  change_log: ChangeLogTable;
  hub_migration: HubMigrationTable;
  notify_outbox: NotifyOutboxTable;
}
