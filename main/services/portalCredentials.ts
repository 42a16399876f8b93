import { randomInt } from 'node:crypto';
import { fieldError } from '../../common/result';
import { isCommonPassword } from '../../common/rules/commonPasswords';
import { checkPassword } from '../../common/rules/password';
import { DAY_MS, toTimestamp, type Timestamp } from '../../common/time';
import { getSetting } from '../../db/queries/settings';
import type { Store } from '../../db/store';
import { hashPassword, type ScryptCost } from '../passwords';

/** No 0/o, 1/l/i: the patient reads it off paper or hears it over the phone. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const GROUPS = 3;
const GROUP_LENGTH = 4;

/** 12 random characters of 31 (59 bits) in groups of four: "k7fm-x2qp-9wtz". Short-lived and throttled by the hub. */
export function generateTempPassword(): string {
  for (;;) {
    const groups = Array.from({ length: GROUPS }, () =>
      Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
    );
    const pw = groups.join('-');
    if (!checkPassword(pw, { isCommon: isCommonPassword })) return pw;
  }
}

export interface TempCredential {
  password: string;
  generated: boolean;
  hash: string;
}

/**
 * The temporary password staff generate or type (seed 004 "Manually set the patient's portal
 * password"). A typed one must meet the patient password policy; the result is hashed here,
 * outside any transaction, and the clear text lives only in the reply that shows it once.
 */
export async function prepareTempPassword(
  mode: 'generate' | 'typed',
  typed: string,
  username: string,
  cost: ScryptCost,
): Promise<TempCredential> {
  if (mode === 'typed') {
    const problem = checkPassword(typed, { isCommon: isCommonPassword, username });
    if (problem) throw fieldError('tempPassword', problem.key, 'temporary password does not meet the policy', problem.params);
  }
  const password = mode === 'typed' ? typed : generateTempPassword();
  return { password, generated: mode === 'generate', hash: await hashPassword(password, cost) };
}

export function tempPasswordExpiry(store: Store, nowMs: number): Timestamp {
  return toTimestamp(nowMs + getSetting(store, 'portal.tempPasswordDays') * DAY_MS);
}

/** The address printed on the credential letter: the clinic's setting, else the hub it syncs with. */
export function portalAddress(store: Store): string {
  const configured = getSetting(store, 'portal.patientUrl');
  if (configured) return configured;
  const sync = store.first(store.k.selectFrom('sync_state').select('hub_url').where('id', '=', 1));
  return sync?.hub_url ?? '';
}
