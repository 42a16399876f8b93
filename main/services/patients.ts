import type { PatientDetail, PatientSummary, Sex, StudySummary } from '../../common/api/patients';
import { DomainError } from '../../common/result';
import { nowTimestamp } from '../../common/time';
import { insertAudit } from '../../db/audit';
import { getPatientRow, searchPatients, type PatientSummaryRow } from '../../db/queries/patients';
import type { Handlers } from '../dispatcher';

export function toSummary(r: PatientSummaryRow): PatientSummary {
  return {
    id: r.id,
    mrn: r.mrn,
    givenName: r.given_name,
    familyName: r.family_name,
    dateOfBirth: r.date_of_birth,
    sex: r.sex as Sex,
  };
}

export const patientHandlers: Pick<Handlers, 'patients.search' | 'patients.get' | 'patients.studies'> = {
  'patients.search': ({ text, limit }, ctx) => {
    const { store, clock } = ctx.app;
    const { rows, more } = searchPatients(store, text, limit);
    // the search text may itself be PHI (a date of birth), so only its result count is kept
    if (rows.length > 0) {
      insertAudit(store, ctx.actor, nowTimestamp(clock), { action: 'patient.search', detail: `${rows.length} results` });
    }
    return { rows: rows.map(toSummary), more };
  },

  'patients.get': ({ id }, ctx) => {
    const { store, clock } = ctx.app;
    const p = getPatientRow(store, id);
    if (!p) throw new DomainError('not_found', 'patient not found', { key: 'errors.patientNotFound' });
    insertAudit(store, ctx.actor, nowTimestamp(clock), { action: 'patient.read', patientId: id, entityType: 'patient', entityId: id });
    const detail: PatientDetail = {
      ...toSummary(p),
      email: p.email,
      mobile: p.mobile,
      postalCode: p.postal_code,
      addressLine: p.address_line,
      city: p.city,
      updatedAt: p.updated_at,
    };
    return detail;
  },

  'patients.studies': ({ patientId }, ctx) => {
    const { store, clock } = ctx.app;
    const rows = store.all(
      store.k
        .selectFrom('study as s')
        .leftJoin('report as r', (j) => j.onRef('r.study_id', '=', 's.id').on('r.deleted_at', 'is', null))
        .select(['s.id', 's.accession_number', 's.modality', 's.description', 's.study_date', 's.validated', 'r.status', 'r.final_at'])
        .where('s.patient_id', '=', patientId)
        .where('s.deleted_at', 'is', null)
        .orderBy('s.study_date', 'desc'),
    );
    insertAudit(store, ctx.actor, nowTimestamp(clock), { action: 'patient.studies', patientId, entityType: 'patient', entityId: patientId });
    return rows.map(
      (r): StudySummary => ({
        id: r.id,
        accessionNumber: r.accession_number,
        modality: r.modality,
        description: r.description,
        studyDate: r.study_date,
        validated: r.validated === 1,
        reportStatus: (r.status ?? 'none') as StudySummary['reportStatus'],
        reportFinalAt: r.final_at ?? null,
      }),
    );
  },
};
