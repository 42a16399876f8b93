import { newId } from '../../common/ids';
import { readyAt } from '../../common/rules/accessDelay';
import { DomainError } from '../../common/result';
import type { AuditInput } from '../../db/audit';
import { runCommand, type Writer } from '../../db/command';
import { activeKeyCovering, entityRow, keyStudiesOfStudy } from '../../db/queries/issuedKeys';
import { accountOf } from '../../db/queries/portalPatients';
import { getSetting } from '../../db/queries/settings';
import type { ReportTable, StudyTable } from '../../db/schema';
import type { Selectable } from 'kysely';
import { commandContext } from '../context';
import type { Handlers } from '../dispatcher';
import { delaysOf, writeIssuedKey } from './issueKey';

type StudyRow = Selectable<StudyTable>;
type ReportRow = Selectable<ReportTable>;

export type AutoIssueSkip = 'autoIssueOff' | 'portalDisabled' | 'noPortalAccount' | 'alreadyIssued';

/**
 * ENABLE_AUTO_ISSUE: a study whose report just became final is issued to its patient's portal
 * account without staff action. Nobody sees a code, so the key has none: it is bound to the
 * account and the patient sees the study signed in, from the ready times on. Called inside the
 * command that made the report final, so the report and the key commit together.
 */
export function autoIssueOnFinal(w: Writer, study: StudyRow, finalAt: string): { keyId: string } | { skipped: AutoIssueSkip } {
  const { store } = w;
  if (!getSetting(store, 'portal.autoIssue')) return { skipped: 'autoIssueOff' };
  if (!getSetting(store, 'portal.enabled')) return { skipped: 'portalDisabled' };
  const account = accountOf(store, study.patient_id);
  if (!account || account.access_enabled !== 1) return { skipped: 'noPortalAccount' };
  if (activeKeyCovering(store, study.patient_id, study.id, w.now)) return { skipped: 'alreadyIssued' };
  const { key } = writeIssuedKey(w, {
    clinicId: account.clinic_id,
    patientId: study.patient_id,
    accountId: account.id,
    requestId: null,
    origin: 'auto',
    code: null,
    staff: null,
    studies: [{ id: study.id, validatedAt: study.validated_at, reportFinalAt: finalAt }],
    // seed 003 "Notify On: New Report"; ENABLE_EMAILNOTI_EVENT is the non-auto mode's switch (seed 000)
    notify: getSetting(store, 'portal.notifyOnNewReport') ? 'newReport' : null,
  });
  return { keyId: key.id };
}

function studyOrThrow(w: Writer, id: string): StudyRow {
  const study = w.store.first(w.store.k.selectFrom('study').selectAll().where('id', '=', id).where('deleted_at', 'is', null));
  if (!study) throw new DomainError('not_found', 'study not found', { key: 'ris.errors.studyNotFound' });
  return study;
}

const STATUS_RANK: Record<string, number> = { final: 0, preliminary: 1, draft: 2 };

export const risHandlers: Pick<Handlers, 'ris.finalizeReport' | 'ris.validateStudy'> = {
  'ris.finalizeReport': ({ studyId }, ctx) => {
    const r = runCommand(commandContext(ctx), {
      run: (w) => {
        const study = studyOrThrow(w, studyId);
        const reports = w.store
          .all(w.store.k.selectFrom('report').selectAll().where('study_id', '=', studyId).where('deleted_at', 'is', null))
          .sort((a, b) => (STATUS_RANK[a.status] ?? 9) - (STATUS_RANK[b.status] ?? 9));
        const current = reports[0];
        if (current?.status === 'final') {
          return { patientId: study.patient_id, reportId: current.id, finalAt: current.final_at as string, alreadyFinal: true, autoIssuedKeyId: null, autoIssueSkipped: null, accession: study.accession_number };
        }
        const report: ReportRow = current
          ? { ...current, status: 'final', final_at: w.now, updated_at: w.now }
          : { id: newId(), clinic_id: study.clinic_id, study_id: studyId, status: 'final', final_at: w.now, created_at: w.now, updated_at: w.now, version: 0, deleted_at: null };
        if (current) w.store.run(w.store.k.updateTable('report').set({ status: 'final', final_at: w.now, updated_at: w.now }).where('id', '=', current.id));
        else w.store.run(w.store.k.insertInto('report').values(report));
        w.mutate('rows.put', { put: { report: [entityRow(report)] } });
        const auto = autoIssueOnFinal(w, study, w.now);
        return {
          patientId: study.patient_id,
          reportId: report.id,
          finalAt: w.now,
          alreadyFinal: false,
          autoIssuedKeyId: 'keyId' in auto ? auto.keyId : null,
          autoIssueSkipped: 'skipped' in auto ? auto.skipped : null,
          accession: study.accession_number,
        };
      },
      audit: (r): AuditInput[] =>
        r.alreadyFinal
          ? []
          : [
              { action: 'ris.reportFinal', patientId: r.patientId, entityType: 'report', entityId: r.reportId, detail: `study ${r.accession}` },
              ...(r.autoIssuedKeyId
                ? [{ action: 'key.autoIssue', patientId: r.patientId, entityType: 'issued_key', entityId: r.autoIssuedKeyId, detail: `studies ${r.accession}` }]
                : []),
            ],
    });
    return { reportId: r.reportId, finalAt: r.finalAt, alreadyFinal: r.alreadyFinal, autoIssuedKeyId: r.autoIssuedKeyId, autoIssueSkipped: r.autoIssueSkipped };
  },

  'ris.validateStudy': ({ studyId }, ctx) => {
    const r = runCommand(commandContext(ctx), {
      run: (w) => {
        const study = studyOrThrow(w, studyId);
        if (study.validated === 1 && study.validated_at) {
          return { patientId: study.patient_id, validatedAt: study.validated_at, alreadyValidated: true, keysUpdated: 0, accession: study.accession_number };
        }
        const row: StudyRow = { ...study, validated: 1, validated_at: w.now, updated_at: w.now };
        w.store.run(w.store.k.updateTable('study').set({ validated: 1, validated_at: w.now, updated_at: w.now }).where('id', '=', studyId));
        w.mutate('rows.put', { put: { study: [entityRow(row)] } });
        // keys issued before the validation learn when the images will be ready (seed 003 study delay)
        const imagesAt = readyAt(w.now, delaysOf(w.store).studyHours) as string;
        const waiting = keyStudiesOfStudy(w.store, studyId).filter((ks) => ks.images_ready_at === null);
        const updated = waiting.map(({ patient_id: _p, disabled_at: _d, expires_at: _e, ...ks }) => ({ ...ks, images_ready_at: imagesAt }));
        for (const ks of updated) w.store.run(w.store.k.updateTable('issued_key_study').set({ images_ready_at: imagesAt }).where('id', '=', ks.id));
        if (updated.length) {
          const live = waiting.filter((ks) => ks.disabled_at === null && ks.expires_at > w.now).map((ks) => ks.key_id);
          const notify = live.length > 0 && getSetting(w.store, 'portal.notifyOnNewStudy');
          w.mutate('keys.studyReady', {
            put: { issued_key_study: updated.map(entityRow) },
            notify: notify ? { event: 'newStudy', at: imagesAt, keyIds: [...new Set(live)] } : null,
          });
        }
        return { patientId: study.patient_id, validatedAt: w.now, alreadyValidated: false, keysUpdated: updated.length, accession: study.accession_number };
      },
      audit: (r): AuditInput[] =>
        r.alreadyValidated ? [] : [{ action: 'ris.studyValidated', patientId: r.patientId, entityType: 'study', entityId: studyId, detail: `study ${r.accession}; ${r.keysUpdated} keys` }],
    });
    return { validatedAt: r.validatedAt, alreadyValidated: r.alreadyValidated, keysUpdated: r.keysUpdated };
  },
};
