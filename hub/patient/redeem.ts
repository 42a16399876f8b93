import { redeem } from '../../common/rules/accessKey';
import { toTimestamp } from '../../common/time';
import type { HubContext } from '../context';
import { writeAtHub } from '../sync/changes';
import { openAccessSession } from './accessSessions';
import { getPatient } from './accounts';
import { patientAudit } from './audit';
import { getKey, keyByCode, keyStateOf, usageOf, writeUsage, type HubKey } from './issuedKeys';

export type RedeemOutcome =
  /** A code nobody was given, a wrong date of birth, a locked key: one answer, so none tells the others apart. */
  | { outcome: 'noMatch' }
  /** Code and date of birth both right, and still no results: the patient is told why. */
  | { outcome: 'refused'; reason: 'disabled' | 'expired'; key: HubKey }
  | { outcome: 'granted'; key: HubKey; secret: string; expiresAt: string };

/**
 * A patient's code + date of birth at the clinic's access page (common/rules/accessKey.ts `redeem`
 * decides). The scrypt check runs before the write transaction, so slow hashing never holds the
 * hub's writer; the key and its usage are read again inside it, so a disable that arrived
 * meanwhile counts and two tries at once each count their miss. What the hub knows (which
 * reason, how many misses, the lock) goes to its patient audit and, through the usage row, to
 * the clinic's Issued keys; the page learns only whether both factors were right.
 */
export async function redeemCode(hub: HubContext, r: { clinicId: string; canonical: string; dateOfBirth: string; source: string }): Promise<RedeemOutcome> {
  const { db } = hub.store;
  const found = await keyByCode(db, r.clinicId, r.canonical);
  if (!found) {
    await patientAudit(db, toTimestamp(hub.clock.now()), { clinicId: r.clinicId, action: 'access.redeem', outcome: 'refused', source: r.source, detail: { reason: 'unknownCode' } });
    return { outcome: 'noMatch' };
  }
  const nowMs = hub.clock.now();
  return writeAtHub(hub, async (changes, trx): Promise<RedeemOutcome> => {
    const now = toTimestamp(nowMs);
    const key = (await getKey(trx, found.id)) ?? found;
    const patient = await getPatient(trx, key.patient_id);
    const audit = (action: string, outcome: 'ok' | 'refused', detail: Record<string, string | number>) =>
      patientAudit(trx, now, { clinicId: r.clinicId, accountId: key.account_id, patientId: key.patient_id, actor: 'patient', action, outcome, source: r.source, entityId: key.id, detail });
    // a patient the clinic has deleted has no date of birth left to match
    if (!patient || patient.deleted_at) {
      await audit('access.redeem', 'refused', { reason: 'patientDeleted' });
      return { outcome: 'noMatch' };
    }
    const usage = await usageOf(trx, key.id);
    const decision = redeem(keyStateOf(key), usage, patient.date_of_birth === r.dateOfBirth, now);
    switch (decision.outcome) {
      case 'locked':
        await audit('access.redeem', 'refused', { reason: 'locked' });
        return { outcome: 'noMatch' };
      case 'wrongDateOfBirth':
        await writeUsage(changes, key, decision.usage);
        await audit('access.redeem', 'refused', { reason: 'wrongDateOfBirth', misses: decision.usage.misses });
        if (decision.locked) await audit('access.lock', 'ok', { misses: decision.usage.misses });
        return { outcome: 'noMatch' };
      case 'refused':
        await audit('access.redeem', 'refused', { reason: decision.reason });
        return { outcome: 'refused', reason: decision.reason, key };
      case 'granted': {
        await writeUsage(changes, key, decision.usage);
        await audit('access.redeem', 'ok', { redemptions: decision.usage.redemptions });
        const session = await openAccessSession(trx, { clinicId: r.clinicId, keyId: key.id, nowMs });
        return { outcome: 'granted', key, ...session };
      }
    }
  });
}
