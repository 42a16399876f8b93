import type { Kysely } from 'kysely';
import { normalizeUsername } from '../../common/rules/username';
import { PORTAL_RIGHTS, type PortalRight } from '../../common/settings';
import type { HubDB } from '../db/schema';
import { entityDb, type ChangeWriter, type Trx } from '../sync/changes';

/** A portal account as the clinic wrote it (`e_portal_account`, clinic-owned). */
export interface PortalAccount {
  id: string;
  clinic_id: string;
  patient_id: string;
  username: string | null;
  email: string | null;
  right_econsultation: number;
  right_ebooking: number;
  right_eprescription: number;
  wants_electronic_reply: number;
  access_enabled: number;
  deleted_at: string | null;
}

/** What the hub knows of the patient's use of it (`e_portal_account_state`, hub-owned). */
export interface AccountState {
  id: string;
  clinic_id: string;
  account_id: string;
  status: 'invited' | 'active' | 'locked';
  invited_at: string | null;
  activated_at: string | null;
  last_sign_in_at: string | null;
  failed_attempts: number;
  locked_at: string | null;
}

export interface PatientRow {
  id: string;
  clinic_id: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  email: string | null;
  mobile: string | null;
  postal_code: string | null;
  address_line: string | null;
  city: string | null;
  deleted_at: string | null;
}

/** Wrong passwords in a row before the account locks (staff unlock it). */
export const MAX_FAILED_PASSWORDS = 5;

/**
 * One state row per account, with the account's own id (as the portal form's hub handlers write
 * it too), so two writers can never make two.
 */
export const accountStateId = (accountId: string): string => accountId;

type Db = Kysely<HubDB> | Trx;

export async function getAccount(db: Db, id: string): Promise<PortalAccount | undefined> {
  return (await entityDb(db).selectFrom('e_portal_account').selectAll().where('id', '=', id).executeTakeFirst()) as PortalAccount | undefined;
}

export async function getState(db: Db, accountId: string): Promise<AccountState | undefined> {
  return (await entityDb(db).selectFrom('e_portal_account_state').selectAll().where('id', '=', accountStateId(accountId)).executeTakeFirst()) as
    | AccountState
    | undefined;
}

export async function getPatient(db: Db, id: string): Promise<PatientRow | undefined> {
  return (await entityDb(db).selectFrom('e_patient').selectAll().where('id', '=', id).executeTakeFirst()) as PatientRow | undefined;
}

/**
 * The live accounts of this clinic that a sign-in name points at: the username, or the email
 * address (the account's own, else the patient's). Several accounts may share an email.
 */
export async function accountsFor(db: Db, clinicId: string, identifier: string): Promise<PortalAccount[]> {
  const name = normalizeUsername(identifier);
  if (!name) return [];
  const e = entityDb(db);
  const direct = (await e.selectFrom('e_portal_account').selectAll().where('clinic_id', '=', clinicId).where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('username', '=', name), eb(eb.fn('lower', ['email']), '=', name)])).execute()) as PortalAccount[];
  const viaPatient = name.includes('@')
    ? ((await e.selectFrom('e_portal_account as a').innerJoin('e_patient as p', 'p.id', 'a.patient_id').selectAll('a')
      .where('a.clinic_id', '=', clinicId).where('a.deleted_at', 'is', null).where('a.email', 'is', null)
      .where(eb => eb(eb.fn('lower', ['p.email']), '=', name)).execute()) as PortalAccount[])
    : [];
  const byId = new Map([...direct, ...viaPatient].map((a) => [a.id, a]));
  return [...byId.values()];
}

export function rightsOf(account: Pick<PortalAccount, 'right_econsultation' | 'right_ebooking' | 'right_eprescription'>): PortalRight[] {
  return PORTAL_RIGHTS.filter((r) => Number(account[`right_${r}`]) === 1);
}

/** Why this account cannot be used now, if it cannot (the portal switch is checked by the clinic's pages). */
export function accessProblem(account: PortalAccount | undefined, state: AccountState | undefined): 'gone' | 'disabled' | 'locked' | null {
  if (!account || account.deleted_at) return 'gone';
  if (Number(account.access_enabled) !== 1) return 'disabled';
  if (state?.status === 'locked') return 'locked';
  return null;
}

/** The account's state row, made (status invited) if the hub has none yet. */
export async function ensureState(changes: ChangeWriter, account: Pick<PortalAccount, 'id' | 'clinic_id'>): Promise<AccountState> {
  const id = accountStateId(account.id);
  const have = (await changes.get('portal_account_state', id)) as AccountState | undefined;
  if (have) return have;
  const row: AccountState = {
    id, clinic_id: account.clinic_id, account_id: account.id, status: 'invited', invited_at: null, activated_at: null,
    last_sign_in_at: null, failed_attempts: 0, locked_at: null,
  };
  await changes.put('portal_account_state', { ...row, version: 0, deleted_at: null });
  return row;
}

/** Changes some state columns (synced to the clinic's workstations). */
export async function updateState(changes: ChangeWriter, account: Pick<PortalAccount, 'id' | 'clinic_id'>, patch: Partial<AccountState>): Promise<AccountState> {
  await ensureState(changes, account);
  return (await changes.update('portal_account_state', accountStateId(account.id), patch)) as unknown as AccountState;
}

/** One more wrong password; the fifth in a row locks the account. Returns whether it is locked now. */
export async function recordWrongPassword(changes: ChangeWriter, account: PortalAccount, now: string): Promise<boolean> {
  const state = await ensureState(changes, account);
  const failed = Number(state.failed_attempts) + 1;
  const lock = failed >= MAX_FAILED_PASSWORDS && state.status !== 'locked';
  await updateState(changes, account, { failed_attempts: failed, ...(lock ? { status: 'locked', locked_at: now } : {}) });
  return lock || state.status === 'locked';
}
