import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { entityDb } from '../../sync/changes';
import { patientAudit } from '../audit';
import type { ClinicPortal } from '../clinic';
import { nowOf, openClinic, type PatientDeps } from '../context';
import { input, text, type FieldErrors } from '../forms';
import { html } from '../html';
import { normalizeDate } from '../identity';
import { clinicPath, csrfInput, notice, renderPage, tooMany } from '../layout';
import { peekToken } from '../tokens';

/**
 * The page behind a rejection email's link (issue 7): staff typed why they did not approve the
 * registration, and such a note never goes into an email. The link alone shows nothing; the
 * note appears once the patient gives the date of birth they registered with. The link may be
 * opened again until it expires (it is no key to anything).
 */
export function registrationNoteRoutes(app: FastifyInstance, deps: PatientDeps): void {
  const { db } = deps.hub.store;

  /** The rejected request the token names, with its note; undefined when the link cannot be used. */
  const noteOf = async (clinic: ClinicPortal, token: string) => {
    const id = await peekToken(db, { token, purpose: 'registration-note', clinicId: clinic.id, now: nowOf(deps) });
    if (!id) return undefined;
    const row = (await entityDb(db).selectFrom('e_login_request').select(['id', 'date_of_birth', 'reject_note', 'status', 'clinic_id']).where('id', '=', id).executeTakeFirst()) as
      | { id: string; date_of_birth: string; reject_note: string | null; status: string; clinic_id: string }
      | undefined;
    return row && row.clinic_id === clinic.id && row.status === 'rejected' && row.reject_note ? row : undefined;
  };

  const invalid = (req: FastifyRequest, reply: FastifyReply, clinic: ClinicPortal) => {
    const t = req.patient.t.registrationNote;
    return renderPage(req, reply, { title: t.title, clinic, status: 410, body: notice(t.invalid, 'error') });
  };

  const form = (req: FastifyRequest, reply: FastifyReply, clinic: ClinicPortal, token: string, o: { value?: string; errors?: FieldErrors; status?: number } = {}) => {
    const t = req.patient.t;
    return renderPage(req, reply, {
      title: t.registrationNote.title, clinic, status: o.status ?? 200,
      body: html`<p>${t.registrationNote.intro}</p><form method="post" action="${clinicPath(clinic, 'registration-note')}" novalidate>${csrfInput(req)}
<input type="hidden" name="token" value="${token}">
${input({ name: 'date_of_birth', type: 'date', label: t.fields.dateOfBirth, hint: t.fields.dateHint, value: o.value, error: o.errors?.date_of_birth, autocomplete: 'bday', required: true })}
<div class="actions"><button type="submit">${t.registrationNote.submit}</button></div></form>`,
    });
  };

  app.get<{ Querystring: { token?: string } }>('/c/:clinic/registration-note', async (req, reply) => {
    const clinic = await openClinic(deps, req, reply);
    if (!clinic) return reply;
    if (!deps.limiter.allow('token', req.ip)) return tooMany(req, reply, clinic, req.patient.t.registrationNote.title);
    const token = String(req.query.token ?? '');
    return (await noteOf(clinic, token)) ? form(req, reply, clinic, token) : invalid(req, reply, clinic);
  });

  app.post('/c/:clinic/registration-note', async (req, reply) => {
    const clinic = await openClinic(deps, req, reply);
    if (!clinic) return reply;
    const t = req.patient.t;
    // each wrong date counts: the limit keeps anyone from trying birth dates one by one
    if (!deps.limiter.allow('token', req.ip)) return tooMany(req, reply, clinic, t.registrationNote.title);
    const token = text(req.body, 'token');
    const note = await noteOf(clinic, token);
    if (!note) return invalid(req, reply, clinic);
    const value = text(req.body, 'date_of_birth');
    const right = normalizeDate(value) === note.date_of_birth;
    await patientAudit(db, nowOf(deps), { clinicId: clinic.id, action: 'registration.noteRead', outcome: right ? 'ok' : 'refused', source: req.ip, entityId: note.id });
    if (!right) return form(req, reply, clinic, token, { value, errors: { date_of_birth: t.registrationNote.wrongDate }, status: 400 });
    return renderPage(req, reply, {
      title: t.registrationNote.title, clinic,
      body: html`<p>${t.registrationNote.heading}</p><blockquote class="note">${note.reject_note ?? ''}</blockquote><p>${t.registrationNote.contact}</p>`,
    });
  });
}
