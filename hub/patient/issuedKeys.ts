import type { Kysely } from 'kysely';
import { keyStatus, NO_USAGE, type KeyState, type KeyStatus, type KeyUsage } from '../../common/rules/accessKey';
import type { HubDB } from '../db/schema';
import { entityDb, type ChangeWriter, type Trx } from '../sync/changes';
import { burnVerify, codeLookup, verifyAccessCode } from './accessCodes';

/**
 * Issued keys as the hub holds them: the clinic-owned key and its studies, and the hub-owned usage
 * row (misses, lock, last use) that redemptions write and workstations read. The usage row's id
 * is the key's id, so two redemptions can never make two rows.
 */
type Db = Kysely<HubDB> | Trx;

export interface HubKey {
  id: string;
  clinic_id: string;
  patient_id: string;
  account_id: string | null;
  code_hash: string | null;
  expires_at: string;
  disabled_at: string | null;
  disabled_reason: string | null;
  deleted_at: string | null;
}

const KEY_COLUMNS = ['id', 'clinic_id', 'patient_id', 'account_id', 'code_hash', 'expires_at', 'disabled_at', 'disabled_reason', 'deleted_at'] as const;

export const keyStateOf = (k: HubKey): KeyState => ({ expiresAt: k.expires_at, disabledAt: k.disabled_at, deletedAt: k.deleted_at });

export async function getKey(db: Db, id: string): Promise<HubKey | undefined> {
  return (await entityDb(db).selectFrom('e_issued_key').select([...KEY_COLUMNS]).where('id', '=', id).executeTakeFirst()) as HubKey | undefined;
}

/**
 * The key of this clinic that a canonical code opens, if any. Candidates share the code's 32-bit
 * lookup; each is checked with scrypt. Without any candidate one check is spent all the same.
 */
export async function keyByCode(db: Db, clinicId: string, canonical: string): Promise<HubKey | undefined> {
  const candidates = (await entityDb(db).selectFrom('e_issued_key').select([...KEY_COLUMNS])
    .where('clinic_id', '=', clinicId).where('code_lookup', '=', codeLookup(canonical)).where('code_hash', 'is not', null)
    .execute()) as HubKey[];
  if (candidates.length === 0) await burnVerify(canonical);
  for (const c of candidates) if (await verifyAccessCode(canonical, c.code_hash)) return c;
  return undefined;
}

/** Keys bound to a portal account (auto-issued, or issued by staff to a portal patient). */
export async function keysOfAccount(db: Db, clinicId: string, accountId: string): Promise<HubKey[]> {
  return (await entityDb(db).selectFrom('e_issued_key').select([...KEY_COLUMNS])
    .where('account_id', '=', accountId).where('clinic_id', '=', clinicId).where('deleted_at', 'is', null).execute()) as HubKey[];
}

interface UsageRow {
  id: string;
  redemptions: number;
  last_used_at: string | null;
  misses: number;
  locked_at: string | null;
}

export async function usageOf(db: Db, keyId: string): Promise<KeyUsage> {
  const row = (await entityDb(db).selectFrom('e_issued_key_usage').select(['id', 'redemptions', 'last_used_at', 'misses', 'locked_at'])
    .where('id', '=', keyId).where('deleted_at', 'is', null).executeTakeFirst()) as UsageRow | undefined;
  if (!row) return NO_USAGE;
  return { misses: Number(row.misses), lockedAt: row.locked_at, lastUsedAt: row.last_used_at, redemptions: Number(row.redemptions) };
}

/** Writes what a redemption did to the key (synced to the clinic's workstations). */
export async function writeUsage(changes: ChangeWriter, key: Pick<HubKey, 'id' | 'clinic_id'>, usage: KeyUsage): Promise<void> {
  await changes.put('issued_key_usage', {
    id: key.id, clinic_id: key.clinic_id, key_id: key.id, redemptions: usage.redemptions, last_used_at: usage.lastUsedAt,
    misses: usage.misses, locked_at: usage.lockedAt, deleted_at: null,
  });
}

export async function statusOf(db: Db, key: HubKey, now: string): Promise<KeyStatus> {
  return keyStatus(keyStateOf(key), await usageOf(db, key.id), now);
}

/** A study a key shows: what the patient may read about it, and when its parts are ready (seed 003). */
export interface KeyStudy {
  studyId: string;
  description: string;
  modality: string;
  studyDate: string;
  imagesReadyAt: string | null;
  reportReadyAt: string;
}

/**
 * The studies of these keys that have a final report at the hub, newest first; a study in several
 * keys once, ready at the earliest of its times. A study without a final report never shows.
 */
export async function studiesOfKeys(db: Db, keyIds: readonly string[]): Promise<KeyStudy[]> {
  if (keyIds.length === 0) return [];
  const rows = (await entityDb(db).selectFrom('e_issued_key_study as ks')
    .innerJoin('e_study as s', 's.id', 'ks.study_id')
    .select(['s.id as studyId', 's.description', 's.modality', 's.study_date as studyDate', 'ks.images_ready_at as imagesReadyAt', 'ks.report_ready_at as reportReadyAt'])
    .where('ks.key_id', 'in', keyIds).where('ks.deleted_at', 'is', null).where('s.deleted_at', 'is', null)
    .where((eb) => eb.exists(eb.selectFrom('e_report as r').select('r.id').whereRef('r.study_id', '=', 's.id').where('r.status', '=', 'final').where('r.deleted_at', 'is', null)))
    .orderBy('s.study_date', 'desc').orderBy('s.id').execute()) as KeyStudy[];
  const byStudy = new Map<string, KeyStudy>();
  const earliest = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);
  for (const r of rows) {
    const have = byStudy.get(r.studyId);
    if (!have) byStudy.set(r.studyId, { ...r });
    else byStudy.set(r.studyId, { ...have, imagesReadyAt: earliest(have.imagesReadyAt, r.imagesReadyAt), reportReadyAt: earliest(have.reportReadyAt, r.reportReadyAt) as string });
  }
  return [...byStudy.values()];
}
