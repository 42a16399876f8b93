import type { CandidatePatient, FieldMatchView, LoginRequestRow, LoginRequestState, MatchMark, RequestedRights } from '../../common/api/loginRequests';
import type { Sex } from '../../common/api/patients';
import type { RejectionChoice } from '../../common/notifications';
import { fieldError } from '../../common/result';
import type { ManualReason } from '../../common/rules/autoApproval';
import { agrees, rankCandidates, type FieldVerdict } from '../../common/rules/identityMatch';
import { PORTAL_RIGHTS, type PortalRight } from '../../common/settings';
import { nowTimestamp } from '../../common/time';
import { insertAudit } from '../../db/audit';
import { runCommand } from '../../db/command';
import {
  candidatePatients,
  chartFacts,
  enteredFacts,
  listLoginRequests,
  loginRequestById,
  openLoginRequests,
  type LoginRequestListRow,
} from '../../db/queries/loginRequests';
import { liveAccount } from '../../db/queries/portal';
import { getSetting } from '../../db/queries/settings';
import { commandContext, requireSession, type CallContext } from '../context';
import type { Handlers } from '../dispatcher';
import { approveWrite, rejectWrite, requireOpen } from './loginRequestWrite';
import { requirePortalOn } from './portalFacts';
import { checkRights } from './portalWrite';

type RegistrationMethod = Extract<keyof Handlers, `registrations.${string}`>;

const STATE: Record<string, LoginRequestState> = { new: 'new', approved: 'approved', rejected: 'rejected', handled_elsewhere: 'handledElsewhere' };

const rightsFrom = (r: { econsultation: number | null; ebooking: number | null; eprescription: number | null }): RequestedRights => ({
  econsultation: r.econsultation === 1,
  ebooking: r.ebooking === 1,
  eprescription: r.eprescription === 1,
});

export function toRow(r: LoginRequestListRow): LoginRequestRow {
  return {
    id: r.id,
    clinicId: r.clinic_id,
    clinicName: r.clinic_name ?? '',
    createdAt: r.created_at,
    givenName: r.given_name,
    familyName: r.family_name,
    dateOfBirth: r.date_of_birth,
    email: r.email,
    mobile: r.mobile,
    postalCode: r.postal_code,
    language: r.language === 'en' ? 'en' : 'da',
    rights: rightsFrom({ econsultation: r.right_econsultation, ebooking: r.right_ebooking, eprescription: r.right_eprescription }),
    grantedRights:
      r.status === 'approved' && r.granted_econsultation !== null
        ? rightsFrom({ econsultation: r.granted_econsultation, ebooking: r.granted_ebooking, eprescription: r.granted_eprescription })
        : null,
    verification: r.verification === 'strong' ? 'strong' : 'email',
    state: STATE[r.status] ?? 'new',
    returningPatient: r.returning_patient === 1,
    previousRights: (r.previous_rights ?? '').split(',').filter((x): x is PortalRight => (PORTAL_RIGHTS as readonly string[]).includes(x)),
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    decidedAutomatically: r.decided_automatically === 1,
    rejectReason: (r.reject_reason as RejectionChoice | null) ?? null,
    manualReason: (r.manual_reason as ManualReason | null) ?? null,
    patientId: r.patient_id,
    version: r.version,
  };
}

const mark = (v: FieldVerdict): MatchMark => (agrees(v) ? 'match' : v === 'notGiven' || v === 'notOnFile' ? 'missing' : 'mismatch');

function rowOf(ctx: CallContext, id: string): LoginRequestRow {
  const r = loginRequestById(ctx.app.store, id);
  if (!r) throw fieldError('id', 'registrations.errors.notFound', 'login request not found');
  return toRow(r);
}

/** "Staff name, Clinic": how the hub names who decided, so both sides read the same. */
function decidedByName(ctx: CallContext): string {
  const session = requireSession(ctx);
  const clinic = ctx.app.store.first(ctx.app.store.k.selectFrom('clinic').select('name').where('id', '=', session.clinicId));
  return [session.displayName, clinic?.name].filter(Boolean).join(', ');
}

function changed(ctx: CallContext, entities: string[]): void {
  ctx.app.events.broadcast('data.changed', { entities });
  ctx.app.sync.nudge();
}

export const loginRequestHandlers: Pick<Handlers, RegistrationMethod> = {
  'registrations.list': ({ text }, ctx) => {
    const rows = listLoginRequests(ctx.app.store, text ?? '').map(toRow);
    // what registrants entered about themselves is read like a patient search: counted, not listed
    insertAudit(ctx.app.store, ctx.actor, nowTimestamp(ctx.app.clock), { action: 'registrations.list', detail: `${rows.length} requests` });
    return rows;
  },

  'registrations.count': (_input, ctx) => ({ open: openLoginRequests(ctx.app.store) }),

  'registrations.get': ({ id }, ctx) => {
    const { store, clock } = ctx.app;
    const r = loginRequestById(store, id);
    if (!r) throw fieldError('id', 'registrations.errors.notFound', 'login request not found');
    const charts = candidatePatients(store, r);
    const byId = new Map(charts.map((p) => [p.id, p]));
    const match = rankCandidates(enteredFacts(r), charts.map((p) => ({ id: p.id, facts: chartFacts(p) })));
    const candidates = match.candidates.map((c) => {
      const p = byId.get(c.id);
      if (!p) throw new Error('a ranked candidate was not among those looked up');
      const patient: CandidatePatient = {
        id: p.id, mrn: p.mrn, givenName: p.given_name, familyName: p.family_name, dateOfBirth: p.date_of_birth, sex: p.sex as Sex,
        email: p.email, mobile: p.mobile, postalCode: p.postal_code, hasAccount: !!liveAccount(store, p.id),
      };
      const fields: FieldMatchView[] = c.fields.map((f) => ({ field: f.field, entered: f.entered, chart: f.chart, match: mark(f.verdict), verdict: f.verdict }));
      return { patient, fields, score: c.score, full: c.full };
    });
    const now = nowTimestamp(clock);
    // each chart shown beside the registration is a patient read
    for (const c of candidates) {
      insertAudit(store, ctx.actor, now, { action: 'registrations.evidence', patientId: c.patient.id, entityType: 'login_request', entityId: r.id, detail: `score ${c.score}` });
    }
    return { request: toRow(r), candidates, tie: match.possibleDuplicate };
  },

  'registrations.approve': (input, ctx) => {
    const { store } = ctx.app;
    requirePortalOn(store);
    const wanted = PORTAL_RIGHTS.filter((r) => input.rights[r]);
    const offered = getSetting(store, 'portal.offeredRights');
    if (wanted.length === 0 && offered.length > 0) throw fieldError('rights', 'registrations.errors.noRights', 'tick at least one right');
    const decidedBy = decidedByName(ctx);
    const result = runCommand(commandContext(ctx), {
      run: (w) => {
        const r = requireOpen(loginRequestById(w.store, input.id));
        const requested = PORTAL_RIGHTS.filter((x) => r[`right_${x}`] === 1);
        if (wanted.some((x) => !requested.includes(x))) throw fieldError('rights', 'registrations.errors.notRequested', 'a right the patient did not ask for');
        const rights = checkRights(w.store, wanted, []);
        return approveWrite(w, r, { patient: input.patient, rights }, { decidedBy, automatic: false });
      },
      audit: (a) => [
        ...(a.newPatient ? [{ action: 'patient.create', patientId: a.patientId, entityType: 'patient', entityId: a.patientId, detail: 'from a login request' }] : []),
        {
          action: 'registrations.approve',
          patientId: a.patientId,
          entityType: 'login_request',
          entityId: input.id,
          detail: `account ${a.linked ? 'linked' : 'created'} ${a.accountId}; rights: ${a.rights.join(',') || 'none'}`,
        },
      ],
    });
    changed(ctx, ['login_request', 'portal_account', ...(result.newPatient ? ['patient'] : [])]);
    return rowOf(ctx, input.id);
  },

  'registrations.reject': (input, ctx) => {
    const decidedBy = decidedByName(ctx);
    const note = input.reason === 'other' ? (input.note ?? '').trim() : null;
    runCommand(commandContext(ctx), {
      run: (w) => rejectWrite(w, requireOpen(loginRequestById(w.store, input.id)), input.reason, note, { decidedBy, automatic: false }),
      // the typed note is not audited: it may say anything about the patient
      audit: { action: 'registrations.reject', entityType: 'login_request', entityId: input.id, detail: `reason: ${input.reason}` },
    });
    changed(ctx, ['login_request']);
    return rowOf(ctx, input.id);
  },
};
