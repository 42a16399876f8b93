import { newId } from '../../common/ids';
import { type AccessDelays, studyReadiness } from '../../common/rules/accessDelay';
import { expiresAtFor } from '../../common/rules/accessKey';
import type { Timestamp } from '../../common/time';
import type { Writer } from '../../db/command';
import { entityRow, insertKey, type IssuedKeyRow, type IssuedKeyStudyRow } from '../../db/queries/issuedKeys';
import { getSetting } from '../../db/queries/settings';
import type { Store } from '../../db/store';
import type { StoredCode } from '../accessCodes';

/** w.mutate with the args checked against common/sync/mutations.ts at compile time. */
export function delaysOf(store: Store): AccessDelays {
  return { studyHours: getSetting(store, 'portal.studyAccessDelayHours'), reportHours: getSetting(store, 'portal.reportAccessDelayHours') };
}

export interface IssueSpec {
  clinicId: string;
  patientId: string;
  accountId: string | null;
  requestId: string | null;
  origin: 'staff' | 'auto';
  /** Null only for an auto-issued key bound to the patient's portal account. */
  code: StoredCode | null;
  staff: { id: string; username: string } | null;
  studies: Array<{ id: string; validatedAt: Timestamp | null; reportFinalAt: Timestamp }>;
  /** Which notification to ask the hub for; null when the setting is off. */
  notify: 'issued' | 'newReport' | null;
}

/**
 * Writes a key and its studies and queues `keys.issue`, inside the caller's command. Ready times
 * are fixed now from the current delays (seed 003), so a later change of the setting does not
 * move what a patient was told. The notification is asked for when the first report is ready.
 */
export function writeIssuedKey(w: Writer, spec: IssueSpec): { key: IssuedKeyRow; studies: IssuedKeyStudyRow[] } {
  const delays = delaysOf(w.store);
  const key: IssuedKeyRow = {
    id: newId(),
    clinic_id: spec.clinicId,
    patient_id: spec.patientId,
    account_id: spec.accountId,
    request_id: spec.requestId,
    origin: spec.origin,
    code_lookup: spec.code?.lookup ?? null,
    code_hash: spec.code?.hash ?? null,
    issued_by: spec.staff?.id ?? null,
    issuer_username: spec.staff?.username ?? null,
    issued_at: w.now,
    expires_at: expiresAtFor(w.now, getSetting(w.store, 'keys.expiryDays')),
    disabled_at: null,
    disabled_by: null,
    disabled_reason: null,
    updated_at: w.now,
    version: 0,
    deleted_at: null,
  };
  const studies = spec.studies.map((s): IssuedKeyStudyRow => {
    const ready = studyReadiness(s, delays);
    return {
      id: newId(),
      clinic_id: spec.clinicId,
      key_id: key.id,
      study_id: s.id,
      images_ready_at: ready.imagesReadyAt,
      report_ready_at: ready.reportReadyAt ?? w.now,
      version: 0,
      deleted_at: null,
    };
  });
  insertKey(w.store, key, studies);
  const firstReady = studies.map((s) => s.report_ready_at).sort()[0] ?? w.now;
  w.mutate('keys.issue', {
    put: { issued_key: [entityRow(key)], issued_key_study: studies.map(entityRow) },
    notify: spec.notify ? { event: spec.notify, at: firstReady > w.now ? firstReady : w.now } : null,
  });
  return { key, studies };
}
