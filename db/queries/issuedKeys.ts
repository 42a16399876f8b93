import type { Selectable } from 'kysely';
import type { EntityRow } from '../../common/sync/entities';
import type { Timestamp } from '../../common/time';
import type { IssuedKeyStudyTable, IssuedKeyTable, IssuedKeyUsageTable } from '../schema';
import type { Store } from '../store';
import { parseSearch } from './patients';

export type IssuedKeyRow = Selectable<IssuedKeyTable>;
export type IssuedKeyStudyRow = Selectable<IssuedKeyStudyTable>;

export function insertKey(store: Store, key: IssuedKeyRow, studies: IssuedKeyStudyRow[]): void {
  store.run(store.k.insertInto('issued_key').values(key));
  for (const s of studies) store.run(store.k.insertInto('issued_key_study').values(s));
}

export function getKeys(store: Store, ids: readonly string[]): IssuedKeyRow[] {
  if (ids.length === 0) return [];
  return store.all(store.k.selectFrom('issued_key').selectAll().where('id', 'in', ids).where('deleted_at', 'is', null));
}

export function updateKey(store: Store, id: string, patch: Partial<IssuedKeyRow>): IssuedKeyRow {
  store.run(store.k.updateTable('issued_key').set(patch).where('id', '=', id));
  return store.first(store.k.selectFrom('issued_key').selectAll().where('id', '=', id)) as IssuedKeyRow;
}

/** Keys whose code lookup matches; the caller verifies each hash. */
export function keysByLookup(store: Store, lookup: string): IssuedKeyRow[] {
  return store.all(store.k.selectFrom('issued_key').selectAll().where('code_lookup', '=', lookup).where('deleted_at', 'is', null));
}

/** Live keys of a patient that already cover a study (auto-issue does not issue it twice). */
export function activeKeyCovering(store: Store, patientId: string, studyId: string, now: Timestamp): string | undefined {
  return store.first(
    store.k
      .selectFrom('issued_key_study as ks')
      .innerJoin('issued_key as k', 'k.id', 'ks.key_id')
      .select('k.id')
      .where('ks.study_id', '=', studyId)
      .where('k.patient_id', '=', patientId)
      .where('k.disabled_at', 'is', null)
      .where('k.deleted_at', 'is', null)
      .where('ks.deleted_at', 'is', null)
      .where('k.expires_at', '>', now),
  )?.id;
}

/** Key-study rows of live keys for one study (a late validation gives their images a ready time). */
export function keyStudiesOfStudy(store: Store, studyId: string): Array<IssuedKeyStudyRow & { patient_id: string; disabled_at: string | null; expires_at: string }> {
  return store.all(
    store.k
      .selectFrom('issued_key_study as ks')
      .innerJoin('issued_key as k', 'k.id', 'ks.key_id')
      .selectAll('ks')
      .select(['k.patient_id', 'k.disabled_at', 'k.expires_at'])
      .where('ks.study_id', '=', studyId)
      .where('ks.deleted_at', 'is', null)
      .where('k.deleted_at', 'is', null),
  );
}

/** Every live, enabled key, disabled with the given reason in the caller's transaction; returns the changed rows. */
export function disableLiveKeys(store: Store, reason: 'staff' | 'portal-disabled', by: string | null, now: Timestamp): IssuedKeyRow[] {
  return store.all(
    store.k
      .updateTable('issued_key')
      .set({ disabled_at: now, disabled_by: by, disabled_reason: reason, updated_at: now })
      .where('disabled_at', 'is', null)
      .where('deleted_at', 'is', null)
      .returningAll(),
  );
}

/** A row as it travels in a mutation: every column, as stored. */
export function entityRow<T extends object>(row: T): EntityRow {
  return { ...row } as unknown as EntityRow;
}

export interface KeySearch {
  /** Patient information: name words, an MRN prefix or a date of birth (as patient search reads it). */
  text?: string | undefined;
  issuer?: string | undefined;
  from?: Timestamp | undefined;
  to?: Timestamp | undefined;
  /** The expiring-soon view: enabled keys, not yet expired, expiring by this time. */
  expiringBy?: Timestamp | undefined;
  ids?: readonly string[] | undefined;
  now: Timestamp;
  limit: number;
}

const END = '\u{10FFFF}';

/** What a line of Issued keys needs; not the hash, not the sync bookkeeping. */
export interface KeySearchRow
  extends Pick<IssuedKeyRow, 'id' | 'patient_id' | 'origin' | 'issuer_username' | 'issued_at' | 'expires_at' | 'disabled_at' | 'disabled_reason' | 'deleted_at'> {
  mrn: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  last_used_at: string | null;
  locked_at: string | null;
  misses: number | null;
}

/**
 * The Issued keys search, as one SQL statement (built here rather than with Kysely because its
 * FROM changes with the path). Each path walks one index in the order it returns rows, so LIMIT
 * stops the walk early: issuer (+ dates) by issuer_username/issued_at, dates alone by issued_at,
 * patient names by name token then patient, expiring soon by the partial expires_at index.
 */
export function keySearchSql(s: KeySearch): { sql: string; params: Array<string | number> } {
  const patient = parseSearch(s.text ?? '');
  const lead = patient.kind === 'name' ? [...patient.tokens].sort((a, b) => b.length - a.length)[0] : undefined;
  const where: string[] = ['k.deleted_at IS NULL'];
  const params: Array<string | number> = [];
  const add = (clause: string, ...values: Array<string | number>) => {
    where.push(clause);
    params.push(...values);
  };
  if (patient.kind === 'name' && lead !== undefined) {
    add('t.token >= ? AND t.token < ?', lead, lead + END);
    // tokens hold only letters and digits, so they need no LIKE escaping
    for (const word of patient.tokens) if (word !== lead) add('p.search_text LIKE ?', `% ${word}%`);
  } else if (patient.kind === 'dob') {
    add('p.date_of_birth = ?', patient.date);
  } else if (patient.kind === 'mrn') {
    add('p.mrn >= ? AND p.mrn < ?', patient.prefix, patient.prefix + END);
  }
  if (s.issuer) add('k.issuer_username = ?', s.issuer);
  if (s.from) add('k.issued_at >= ?', s.from);
  if (s.to) add('k.issued_at <= ?', s.to);
  if (s.ids) add(`k.id IN (${s.ids.map(() => '?').join(', ') || 'NULL'})`, ...s.ids);
  if (s.expiringBy) {
    add('k.disabled_at IS NULL AND k.expires_at > ? AND k.expires_at <= ? AND u.locked_at IS NULL', s.now, s.expiringBy);
  }
  const from = lead !== undefined
    ? 'patient_name_token t JOIN issued_key k ON k.patient_id = t.patient_id'
    : 'issued_key k';
  // each order follows the index that drives the path, so no sort of everything a short prefix matches
  const order =
    lead !== undefined ? 't.token, t.sort_key, k.issued_at DESC'
    : patient.kind === 'mrn' ? 'p.mrn, k.issued_at DESC'
    : patient.kind === 'dob' ? 'p.family_name, p.id, k.issued_at DESC'
    : s.expiringBy ? 'k.expires_at'
    : 'k.issued_at DESC';
  // a patient found by two of their name words would come twice: fetch extra, keep the first
  params.push(lead !== undefined ? s.limit * 2 + 1 : s.limit + 1);
  const sql = `SELECT k.id, k.patient_id, k.origin, k.issuer_username, k.issued_at, k.expires_at, k.disabled_at, k.disabled_reason, k.deleted_at,
  p.mrn, p.given_name, p.family_name, p.date_of_birth, u.last_used_at, u.locked_at, u.misses
FROM ${from}
JOIN patient p ON p.id = k.patient_id
LEFT JOIN issued_key_usage u ON u.key_id = k.id AND u.deleted_at IS NULL
WHERE ${where.join(' AND ')}
ORDER BY ${order}
LIMIT ?`;
  return { sql, params };
}

export function searchKeys(store: Store, s: KeySearch): { rows: KeySearchRow[]; more: boolean } {
  const { sql, params } = keySearchSql(s);
  const raw = store.prepare(sql).all(...params) as KeySearchRow[];
  const seen = new Set<string>();
  const rows = raw.filter((r) => !seen.has(r.id) && seen.add(r.id));
  return { rows: rows.slice(0, s.limit), more: rows.length > s.limit };
}

export interface KeyStudyLine {
  key_id: string;
  study_id: string;
  accession_number: string;
  modality: string;
  description: string;
  study_date: string;
  images_ready_at: string | null;
  report_ready_at: string;
}

export function studiesOfKeys(store: Store, keyIds: readonly string[]): KeyStudyLine[] {
  if (keyIds.length === 0) return [];
  return store.all(
    store.k
      .selectFrom('issued_key_study as ks')
      .innerJoin('study as s', 's.id', 'ks.study_id')
      .select(['ks.key_id', 'ks.study_id', 's.accession_number', 's.modality', 's.description', 's.study_date', 'ks.images_ready_at', 'ks.report_ready_at'])
      .where('ks.key_id', 'in', keyIds)
      .where('ks.deleted_at', 'is', null)
      .orderBy('s.study_date', 'desc'),
  );
}

export interface IssuingStudyRow {
  id: string;
  patient_id: string;
  accession_number: string;
  modality: string;
  description: string;
  study_date: string;
  validated: number;
  validated_at: string | null;
  /** The most advanced report status (final, preliminary, draft), null without a report. */
  report_status: string | null;
  final_at: string | null;
  issued_in: number;
}

const ISSUING_STUDY_SQL = `SELECT s.id, s.patient_id, s.accession_number, s.modality, s.description, s.study_date, s.validated, s.validated_at,
  (SELECT r.status FROM report r WHERE r.study_id = s.id AND r.deleted_at IS NULL
     ORDER BY CASE r.status WHEN 'final' THEN 0 WHEN 'preliminary' THEN 1 ELSE 2 END LIMIT 1) AS report_status,
  (SELECT max(r.final_at) FROM report r WHERE r.study_id = s.id AND r.status = 'final' AND r.deleted_at IS NULL) AS final_at,
  (SELECT count(*) FROM issued_key_study ks JOIN issued_key k ON k.id = ks.key_id
     WHERE ks.study_id = s.id AND ks.deleted_at IS NULL AND k.deleted_at IS NULL AND k.disabled_at IS NULL AND k.expires_at > ?) AS issued_in
FROM study s WHERE s.deleted_at IS NULL`;

/** Every study of a patient with its report status, for Confirm & pick studies. */
export function studiesForIssuing(store: Store, patientId: string, now: Timestamp): IssuingStudyRow[] {
  return store.prepare(`${ISSUING_STUDY_SQL} AND s.patient_id = ? ORDER BY s.study_date DESC, s.accession_number`).all(now, patientId) as IssuingStudyRow[];
}

export function studyForIssuing(store: Store, studyId: string, now: Timestamp): IssuingStudyRow | undefined {
  return store.prepare(`${ISSUING_STUDY_SQL} AND s.id = ?`).get(now, studyId) as IssuingStudyRow | undefined;
}

export type IssuedKeyUsageRow = Selectable<IssuedKeyUsageTable>;

/** What the hub reported of these keys' use (hub-owned rows; a key never redeemed has none). */
export function usageOfKeys(store: Store, keyIds: readonly string[]): IssuedKeyUsageRow[] {
  if (keyIds.length === 0) return [];
  return store.all(store.k.selectFrom('issued_key_usage').selectAll().where('key_id', 'in', keyIds).where('deleted_at', 'is', null));
}

/**
 * Shows the lock lifted at once while the unlock is on its way; the hub's answer replaces the row
 * (its new version when applied, its current row when it was a conflict).
 */
export function clearLockLocally(store: Store, usageId: string): void {
  store.run(store.k.updateTable('issued_key_usage').set({ misses: 0, locked_at: null }).where('id', '=', usageId));
}
