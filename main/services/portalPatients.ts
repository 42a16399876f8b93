import type {
  IdentitySide,
  IssuableStudy,
  IssuingPreparation,
  NotIssuableReason,
  PortalPatientRow,
  ResultRequestStatus,
  ResultRequestSummary,
} from '../../common/api/issuing';
import type { Sex, StudySummary } from '../../common/api/patients';
import { studyReadiness } from '../../common/rules/accessDelay';
import { expiresAtFor } from '../../common/rules/accessKey';
import { identityDifferences } from '../../common/rules/portalIdentity';
import { DomainError, fieldError } from '../../common/result';
import { nowTimestamp } from '../../common/time';
import { insertAudit } from '../../db/audit';
import { studiesForIssuing, type IssuingStudyRow } from '../../db/queries/issuedKeys';
import { getPatientRow } from '../../db/queries/patients';
import {
  accountOf,
  getRequest,
  keyCounts,
  listAccounts,
  listRequests,
  openRequestOf,
  patientsByIds,
  type MatchedRequestRow,
} from '../../db/queries/portalPatients';
import { getSetting } from '../../db/queries/settings';
import type { Store } from '../../db/store';
import type { Handlers } from '../dispatcher';
import { delaysOf } from './issueKey';

function requestSummary(r: MatchedRequestRow): ResultRequestSummary {
  return {
    id: r.id,
    status: r.status as ResultRequestStatus,
    createdAt: r.created_at,
    handledAt: r.handled_at,
    handledBy: r.handled_by,
    message: r.message,
    version: r.version,
  };
}

/**
 * The Portal patients worklist: patients with a portal account or a result request, matched to
 * the RIS patient. Open requests first (newest first), then the rest by latest activity.
 */
export function listPortalPatients(store: Store, view: 'all' | 'open', limit: number): { rows: PortalPatientRow[]; more: boolean } {
  const portalOn = getSetting(store, 'portal.enabled');
  const requests = listRequests(store, { openOnly: view === 'open', limit: limit * 4 });
  const accounts = view === 'all' ? listAccounts(store, limit) : [];
  const patientIds = new Set<string>();
  for (const r of requests) if (r.matched_patient_id) patientIds.add(r.matched_patient_id);
  for (const a of accounts) patientIds.add(a.patient_id);
  const patients = patientsByIds(store, [...patientIds]);
  const counts = keyCounts(store, [...patientIds]);
  const byId = new Map<string, PortalPatientRow>();

  const rowFor = (patientId: string): PortalPatientRow | undefined => {
    const existing = byId.get(patientId);
    if (existing) return existing;
    const p = patients.get(patientId);
    if (!p) return undefined;
    const keys = counts.get(patientId);
    const row: PortalPatientRow = {
      id: patientId,
      patientId,
      familyName: p.family_name,
      givenName: p.given_name,
      dateOfBirth: p.date_of_birth,
      mrn: p.mrn,
      accountId: null,
      portalEmail: null,
      requests: [],
      openRequests: 0,
      latestRequestAt: null,
      keys: keys?.n ?? 0,
      lastIssuedAt: keys?.last ?? null,
      notIssuable: portalOn ? null : 'portalDisabled',
    };
    byId.set(patientId, row);
    return row;
  };

  for (const a of accounts) {
    const row = rowFor(a.patient_id);
    if (!row) continue;
    row.accountId = a.id;
    row.portalEmail = a.email;
  }
  for (const r of requests) {
    let row = r.matched_patient_id ? rowFor(r.matched_patient_id) : undefined;
    if (!row) {
      // a request no RIS patient matches is a portal patient of its own, and cannot be issued to
      row = {
        id: `request:${r.id}`,
        patientId: null,
        familyName: r.requester_family_name,
        givenName: r.requester_given_name,
        dateOfBirth: r.requester_date_of_birth,
        mrn: null,
        accountId: r.account_id,
        portalEmail: r.requester_email,
        requests: [],
        openRequests: 0,
        latestRequestAt: null,
        keys: 0,
        lastIssuedAt: null,
        notIssuable: 'notMatched',
      };
      byId.set(row.id, row);
    }
    row.requests.push(requestSummary(r));
    if (r.status === 'new') row.openRequests++;
    if (!row.latestRequestAt || r.created_at > row.latestRequestAt) row.latestRequestAt = r.created_at;
    if (!row.portalEmail && r.requester_email) row.portalEmail = r.requester_email;
    if (!row.accountId && r.account_id) row.accountId = r.account_id;
  }
  const rows = [...byId.values()].sort(
    (a, b) =>
      Number(b.openRequests > 0) - Number(a.openRequests > 0) ||
      (b.latestRequestAt ?? b.lastIssuedAt ?? '').localeCompare(a.latestRequestAt ?? a.lastIssuedAt ?? '') ||
      `${a.familyName} ${a.givenName}`.localeCompare(`${b.familyName} ${b.givenName}`),
  );
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

export function toIssuableStudy(s: IssuingStudyRow, delays: { studyHours: number; reportHours: number }): IssuableStudy {
  const ready = studyReadiness({ validatedAt: s.validated_at, reportFinalAt: s.final_at }, delays);
  const summary: StudySummary = {
    id: s.id,
    accessionNumber: s.accession_number,
    modality: s.modality,
    description: s.description,
    studyDate: s.study_date,
    validated: s.validated === 1,
    reportStatus: (s.report_status ?? 'none') as StudySummary['reportStatus'],
    reportFinalAt: s.final_at,
  };
  return { ...summary, pickable: s.final_at !== null, imagesReadyAt: ready.imagesReadyAt, reportReadyAt: ready.reportReadyAt, issuedIn: s.issued_in };
}

const noIdentity: IdentitySide = { givenName: null, familyName: null, dateOfBirth: null, sex: null, mrn: null, email: null, mobile: null };

/** Patient validation and the studies to pick from, for one portal patient. */
export function prepareIssuing(store: Store, input: { patientId?: string | undefined; requestId?: string | undefined }, now: string): IssuingPreparation {
  let request = input.requestId ? getRequest(store, input.requestId) : undefined;
  if (input.requestId && !request) throw new DomainError('not_found', 'result request not found', { key: 'issuing.errors.requestNotFound' });
  if (input.patientId && request && request.matched_patient_id !== input.patientId) {
    throw fieldError('requestId', 'issuing.errors.requestOtherPatient', 'the request belongs to another patient');
  }
  const patientId = input.patientId ?? request?.matched_patient_id ?? null;
  const patient = patientId ? getPatientRow(store, patientId) : undefined;
  if (patientId && !patient) throw new DomainError('not_found', 'patient not found', { key: 'errors.patientNotFound' });
  if (!request && patient) request = openRequestOf(store, patient.id);
  const account = patient ? accountOf(store, patient.id) : undefined;

  const fromRequest = request && (request.requester_family_name || request.requester_date_of_birth || request.requester_email);
  const portal: IssuingPreparation['portal'] = fromRequest
    ? {
        source: 'request',
        givenName: request?.requester_given_name ?? null,
        familyName: request?.requester_family_name ?? null,
        dateOfBirth: request?.requester_date_of_birth ?? null,
        sex: (request?.requester_sex as Sex | null) ?? null,
        mrn: null,
        email: request?.requester_email ?? account?.email ?? null,
        mobile: request?.requester_mobile ?? null,
      }
    : { ...noIdentity, source: 'account', email: account?.email ?? null };
  const ris: IdentitySide | null = patient
    ? {
        givenName: patient.given_name,
        familyName: patient.family_name,
        dateOfBirth: patient.date_of_birth,
        sex: patient.sex as Sex,
        mrn: patient.mrn,
        email: patient.email,
        mobile: patient.mobile,
      }
    : null;
  const portalOn = getSetting(store, 'portal.enabled');
  const notIssuable: NotIssuableReason | null = !patient ? 'notMatched' : portalOn ? null : 'portalDisabled';
  const delays = delaysOf(store);
  const expiryDays = getSetting(store, 'keys.expiryDays');
  return {
    patientId: patient?.id ?? null,
    accountId: account?.id ?? request?.account_id ?? null,
    request: request ? { id: request.id, status: request.status as ResultRequestStatus, version: request.version } : null,
    portal,
    ris,
    differences: ris ? identityDifferences(portal, ris) : [],
    notIssuable,
    studies: patient ? studiesForIssuing(store, patient.id, now).map((s) => toIssuableStudy(s, delays)) : [],
    expiresAt: expiresAtFor(now, expiryDays),
    expiryDays,
    notify: getSetting(store, 'portal.notifyOnIssue'),
    delays,
  };
}

export const portalPatientHandlers: Pick<Handlers, 'issuing.patients' | 'issuing.prepare'> = {
  'issuing.patients': ({ view, limit }, ctx) => {
    const { store, clock } = ctx.app;
    const result = listPortalPatients(store, view, limit);
    if (result.rows.length > 0) {
      insertAudit(store, ctx.actor, nowTimestamp(clock), { action: 'portalPatients.list', detail: `${result.rows.length} portal patients` });
    }
    return result;
  },

  'issuing.prepare': (input, ctx) => {
    const { store, clock } = ctx.app;
    const now = nowTimestamp(clock);
    const prep = prepareIssuing(store, input, now);
    insertAudit(store, ctx.actor, now, {
      action: 'issuing.validate',
      patientId: prep.patientId,
      entityType: prep.request ? 'result_request' : 'patient',
      entityId: prep.request?.id ?? prep.patientId,
      detail: prep.notIssuable ? `not issuable: ${prep.notIssuable}` : `${prep.studies.length} studies`,
    });
    return prep;
  },
};
