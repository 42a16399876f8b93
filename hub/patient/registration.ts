import type { Kysely } from 'kysely';
import { newId } from '../../common/ids';
import { foldText } from '../../common/rules/text';
import { PORTAL_RIGHTS, type PortalRight } from '../../common/settings';
import { HOUR_MS, toTimestamp } from '../../common/time';
import type { HubDB, PendingRegistrationTable } from '../db/schema';
import { enqueueNotification } from '../notify/outbox';
import { entityDb, type Trx } from '../sync/changes';
import { rightsOf, type PortalAccount } from './accounts';
import { notificationName, type ClinicPortal } from './clinic';
import type { Identity } from './identity';
import { randomToken, sha256 } from './secrets';
import { TOKEN_HOURS, type LinkTarget } from './tokens';

/**
 * Self-registration (seed 002 "Loginbestillinger"): what the patient entered waits in the hub-only
 * `pending_registration` until they are verified (the eID step, or the link in the confirmation
 * email), and only then becomes a synced `login_request` that reaches the clinic. A pending
 * registration that was never verified expires and is deleted.
 */
export type Verification = 'strong' | 'email';
export type Pending = PendingRegistrationTable;

/** Pending registrations waiting for an eID step live as long as the emailed link would. */
const PENDING_HOURS = TOKEN_HOURS['email-confirmation'];

export async function createPending(trx: Trx, p: { clinicId: string; identity: Identity; rights: PortalRight[]; verification: Verification; now: string }): Promise<{ id: string; secret: string | null }> {
  await trx.deleteFrom('pending_registration').where('expires_at', '<=', p.now).execute();
  const id = newId();
  const secret = p.verification === 'strong' ? randomToken() : null;
  const v = p.identity;
  await trx.insertInto('pending_registration').values({
    id, clinic_id: p.clinicId, secret_hash: secret ? sha256(secret) : null, email: v.email, given_name: v.givenName, family_name: v.familyName,
    date_of_birth: v.dateOfBirth, postal_code: v.postalCode, mobile: v.mobile || null, language: v.language, verification: p.verification,
    right_econsultation: p.rights.includes('econsultation') ? 1 : 0, right_ebooking: p.rights.includes('ebooking') ? 1 : 0,
    right_eprescription: p.rights.includes('eprescription') ? 1 : 0, created_at: p.now, expires_at: toTimestamp(Date.parse(p.now) + PENDING_HOURS * HOUR_MS),
  }).execute();
  return { id, secret };
}

export async function pendingBySecret(db: Kysely<HubDB> | Trx, secret: string | undefined, clinicId: string, now: string): Promise<Pending | undefined> {
  if (!secret) return undefined;
  const row = await db.selectFrom('pending_registration').selectAll().where('secret_hash', '=', sha256(secret)).executeTakeFirst();
  return row && row.clinic_id === clinicId && row.expires_at > now ? row : undefined;
}

export async function pendingById(db: Kysely<HubDB> | Trx, id: string, clinicId: string, now: string): Promise<Pending | undefined> {
  const row = await db.selectFrom('pending_registration').selectAll().where('id', '=', id).executeTakeFirst();
  return row && row.clinic_id === clinicId && row.expires_at > now ? row : undefined;
}

export async function dropPending(db: Kysely<HubDB> | Trx, id: string): Promise<void> {
  await db.deleteFrom('pending_registration').where('id', '=', id).execute();
}

const postal = (s: string | null | undefined) => (s ?? '').replace(/\s/g, '').toLowerCase();

/**
 * The association this clinic deleted that the registration matches, if any (issue 5: "the patient
 * can register again; a returning patient is flagged"): by email address, or by the patient's last
 * name, date of birth and postal code. The most recently deleted one.
 */
export async function previousAccount(db: Trx, clinicId: string, p: Pending): Promise<PortalAccount | undefined> {
  const rows = (await entityDb(db).selectFrom('e_portal_account as a').leftJoin('e_patient as p', 'p.id', 'a.patient_id')
    .selectAll('a').select(['p.email as patient_email', 'p.family_name', 'p.date_of_birth', 'p.postal_code'])
    .where('a.clinic_id', '=', clinicId).where('a.deleted_at', 'is not', null).orderBy('a.deleted_at', 'desc').execute()) as Array<
    PortalAccount & { patient_email: string | null; family_name: string | null; date_of_birth: string | null; postal_code: string | null }
  >;
  const email = p.email.toLowerCase();
  return rows.find((r) =>
    (r.email ?? r.patient_email ?? '').toLowerCase() === email ||
    (!!r.family_name && foldText(r.family_name).trim() === foldText(p.family_name).trim() && r.date_of_birth === p.date_of_birth && postal(r.postal_code) === postal(p.postal_code)));
}

/**
 * The verified registration becomes the clinic's login request (synced), the pending row goes,
 * and the patient is told it arrived (`registrationReceived`). Inside the caller's writeAtHub.
 */
export async function completeRegistration(target: Omit<LinkTarget, 'publicUrl'>, clinic: ClinicPortal, p: Pending, verification: Verification): Promise<string> {
  const previous = await previousAccount(target.trx, clinic.id, p);
  const id = newId();
  await target.changes.put('login_request', {
    id, clinic_id: clinic.id, version: 0, deleted_at: null, email: p.email, given_name: p.given_name, family_name: p.family_name,
    date_of_birth: p.date_of_birth, postal_code: p.postal_code, mobile: p.mobile, language: p.language, verification, verified_at: target.now,
    right_econsultation: p.right_econsultation, right_ebooking: p.right_ebooking, right_eprescription: p.right_eprescription,
    status: 'new', decided_by: null, decided_at: null, reject_reason: null, account_id: null,
    returning_patient: previous ? 1 : 0, previous_account_id: previous?.id ?? null,
    previous_rights: previous ? PORTAL_RIGHTS.filter((r) => rightsOf(previous).includes(r)).join(',') : null, created_at: target.now,
    patient_id: null, reject_note: null, decided_automatically: 0, manual_reason: null,
  });
  await dropPending(target.trx, p.id);
  const displayName = notificationName(clinic);
  await enqueueNotification(target, {
    key: `registration:${id}`, clinicId: clinic.id, kind: 'registrationReceived', channel: 'email', to: p.email,
    language: p.language === 'en' ? 'en' : 'da', params: displayName ? { displayName } : {},
  });
  return id;
}
