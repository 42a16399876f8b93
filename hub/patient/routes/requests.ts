import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isCalendarDate, toTimestamp } from '../../../common/time';
import { writeAtHub } from '../../sync/changes';
import { patientAudit } from '../audit';
import { nowOf, patientPage, type PatientDeps, type SignedIn } from '../context';
import { input, select, text, textarea, type FieldErrors } from '../forms';
import { html, type Html } from '../html';
import { fill, seeOther } from '../http';
import { clinicPath, csrfInput, notice, renderPage, type NavKey } from '../layout';
import { createAppointmentRequest, createMessage, createResultRequest, LIMITS, messageRecipients } from '../requests';

/**
 * The requests a signed-in patient sends, each behind the right that opens it (layout.ts
 * PAGE_RIGHT): request results, write to a staff member, ask for an appointment.
 */
export function requestRoutes(app: FastifyInstance, deps: PatientDeps): void {
  const { hub } = deps;
  const { db } = hub.store;

  const patientFor = (req: FastifyRequest, reply: FastifyReply, key: NavKey) => patientPage(deps, req, reply, key);

  const page = (req: FastifyRequest, reply: FastifyReply, me: SignedIn, key: NavKey, o: { title: string; intro?: string; action: string; fields: Html; submit: string; errors: FieldErrors; status?: number; multipart?: boolean }) =>
    renderPage(req, reply, {
      title: o.title, clinic: me.clinic, nav: { rights: me.rights, current: key }, status: o.status ?? 200,
      body: html`${o.intro ? html`<p>${o.intro}</p>` : ''}${Object.keys(o.errors).length ? notice(req.patient.t.common.fixErrors, 'error') : ''}
<form method="post" action="${clinicPath(me.clinic, o.action)}"${o.multipart ? html` enctype="multipart/form-data"` : ''} novalidate>${csrfInput(req)}
${o.fields}<div class="actions"><button type="submit">${o.submit}</button></div></form>`,
    });

  const tooLong = (req: FastifyRequest, value: string, max: number) => ([...value].length > max ? fill(req.patient.t.errors.tooLong, { max }) : undefined);

  // --- request results ---
  const resultsPage = (req: FastifyRequest, reply: FastifyReply, me: SignedIn, values: { message?: string } = {}, errors: FieldErrors = {}, status = 200) => {
    const t = req.patient.t.results;
    return page(req, reply, me, 'results', {
      title: t.title, intro: t.intro, action: 'results', submit: t.submit, errors, status,
      fields: textarea({ name: 'message', label: t.message, optional: req.patient.t.common.optional, value: values.message, error: errors.message, maxlength: LIMITS.resultMessage }),
    });
  };
  app.get('/c/:clinic/results', async (req, reply) => {
    const me = await patientFor(req, reply, 'results');
    return me ? resultsPage(req, reply, me) : reply;
  });
  app.post('/c/:clinic/results', async (req, reply) => {
    const me = await patientFor(req, reply, 'results');
    if (!me) return reply;
    const message = text(req.body, 'message');
    const error = tooLong(req, message, LIMITS.resultMessage);
    if (error) return resultsPage(req, reply, me, { message }, { message: error }, 400);
    const now = nowOf(deps);
    await writeAtHub(hub, async (changes, trx) => {
      const id = await createResultRequest(changes, me.account, now, message || null);
      await patientAudit(trx, now, { clinicId: me.clinic.id, accountId: me.account.id, patientId: me.patient.id, action: 'request.results', source: req.ip, entityId: id });
    });
    return seeOther(reply, clinicPath(me.clinic, 'history?done=results'));
  });

  // --- message (e-consultation) ---
  const messagePage = async (req: FastifyRequest, reply: FastifyReply, me: SignedIn, values: Record<string, string> = {}, errors: FieldErrors = {}, status = 200) => {
    const t = req.patient.t.message;
    const staff = await messageRecipients(db, me.clinic.id);
    if (!staff.length) return renderPage(req, reply, { title: t.title, clinic: me.clinic, nav: { rights: me.rights, current: 'message' }, body: notice(t.nobody) });
    return page(req, reply, me, 'message', {
      title: t.title, action: 'messages/new', submit: t.submit, errors, status,
      fields: html`${select({ name: 'staff_id', label: t.to, placeholder: t.choose, value: values.staff_id, error: errors.staff_id, options: staff.map((s) => ({ value: s.id, label: s.display_name })) })}
${input({ name: 'subject', label: t.subject, value: values.subject, error: errors.subject, maxlength: LIMITS.subject, required: true })}
${textarea({ name: 'body', label: t.body, value: values.body, error: errors.body, maxlength: LIMITS.messageBody })}`,
    });
  };
  app.get('/c/:clinic/messages/new', async (req, reply) => {
    const me = await patientFor(req, reply, 'message');
    return me ? messagePage(req, reply, me) : reply;
  });
  app.post('/c/:clinic/messages/new', async (req, reply) => {
    const me = await patientFor(req, reply, 'message');
    if (!me) return reply;
    const e = req.patient.t.errors;
    const values = { staff_id: text(req.body, 'staff_id'), subject: text(req.body, 'subject'), body: text(req.body, 'body') };
    const staff = (await messageRecipients(db, me.clinic.id)).find((s) => s.id === values.staff_id);
    const errors: FieldErrors = {};
    if (!staff) errors.staff_id = e.recipient;
    const subject = values.subject ? tooLong(req, values.subject, LIMITS.subject) : e.required;
    if (subject) errors.subject = subject;
    const body = values.body ? tooLong(req, values.body, LIMITS.messageBody) : e.required;
    if (body) errors.body = body;
    if (Object.keys(errors).length || !staff) return messagePage(req, reply, me, values, errors, 400);
    const now = nowOf(deps);
    await writeAtHub(hub, async (changes, trx) => {
      const id = await createMessage(changes, me.account, now, { staffId: staff.id, staffName: staff.display_name, subject: values.subject, body: values.body });
      await patientAudit(trx, now, { clinicId: me.clinic.id, accountId: me.account.id, patientId: me.patient.id, action: 'request.message', source: req.ip, entityId: id, detail: { staffId: staff.id } });
    });
    return seeOther(reply, clinicPath(me.clinic, 'history?done=message'));
  });

  // --- appointment request (e-booking) ---
  const appointmentPage = (req: FastifyRequest, reply: FastifyReply, me: SignedIn, values: Record<string, string> = {}, errors: FieldErrors = {}, status = 200) => {
    const t = req.patient.t.appointment;
    return page(req, reply, me, 'appointment', {
      title: t.title, action: 'appointments/new', submit: t.submit, errors, status,
      fields: html`${input({ name: 'date', type: 'date', label: t.date, hint: req.patient.t.fields.dateHint, value: values.date, error: errors.date, required: true })}
${input({ name: 'time', type: 'time', label: t.time, hint: t.timeHint, optional: req.patient.t.common.optional, value: values.time, error: errors.time })}
${textarea({ name: 'reason', label: t.reason, value: values.reason, error: errors.reason, maxlength: LIMITS.reason })}`,
    });
  };
  app.get('/c/:clinic/appointments/new', async (req, reply) => {
    const me = await patientFor(req, reply, 'appointment');
    return me ? appointmentPage(req, reply, me) : reply;
  });
  app.post('/c/:clinic/appointments/new', async (req, reply) => {
    const me = await patientFor(req, reply, 'appointment');
    if (!me) return reply;
    const e = req.patient.t.errors;
    const values = { date: text(req.body, 'date'), time: text(req.body, 'time'), reason: text(req.body, 'reason') };
    const errors: FieldErrors = {};
    const today = toTimestamp(hub.clock.now()).slice(0, 10);
    if (!values.date) errors.date = e.required;
    else if (!isCalendarDate(values.date)) errors.date = e.date;
    else if (values.date < today) errors.date = e.notBeforeToday;
    if (values.time && !/^([01]\d|2[0-3]):[0-5]\d$/.test(values.time)) errors.time = e.time;
    const reason = values.reason ? tooLong(req, values.reason, LIMITS.reason) : e.required;
    if (reason) errors.reason = reason;
    if (Object.keys(errors).length) return appointmentPage(req, reply, me, values, errors, 400);
    const now = nowOf(deps);
    await writeAtHub(hub, async (changes, trx) => {
      const id = await createAppointmentRequest(changes, me.account, now, { date: values.date, time: values.time || null, reason: values.reason });
      await patientAudit(trx, now, { clinicId: me.clinic.id, accountId: me.account.id, patientId: me.patient.id, action: 'request.appointment', source: req.ip, entityId: id });
    });
    return seeOther(reply, clinicPath(me.clinic, 'history?done=appointment'));
  });
}
