import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PortalRight } from '../../../common/settings';
import { toTimestamp } from '../../../common/time';
import { enqueueNotification } from '../../notify/outbox';
import { writeAtHub } from '../../sync/changes';
import { patientAudit } from '../audit';
import { notificationName, type ClinicPortal } from '../clinic';
import { nowOf, openClinic, type PatientDeps } from '../context';
import { formatDate } from '../format';
import { choices, input, list, select, text, type FieldErrors } from '../forms';
import { html } from '../html';
import { clearCookie, COOKIE, fill, seeOther, setCookie } from '../http';
import { identityErrors, readIdentity, type Identity } from '../identity';
import { clinicPath, csrfInput, notice, renderPage, tooMany } from '../layout';
import { completeRegistration, createPending, dropPending, pendingById, pendingBySecret, type Verification } from '../registration';
import { issueToken, linkFor, peekToken, spendToken, TOKEN_HOURS } from '../tokens';

/** Self-registration: the form, the DEMO eID step (only with --demo-eid), the email confirmation link. */
export function registerRoutes(app: FastifyInstance, deps: PatientDeps): void {
  const { hub } = deps;
  const { db } = hub.store;
  const today = () => toTimestamp(hub.clock.now()).slice(0, 10);
  const verifications = (): Verification[] => (deps.opts.demoEid ? ['strong', 'email'] : ['email']);

  const formPage = (req: FastifyRequest, reply: FastifyReply, clinic: ClinicPortal, o: { values?: Identity; rights?: string[]; verification?: string; errors?: FieldErrors; status?: number } = {}) => {
    const t = req.patient.t;
    const f = t.fields;
    const v: Partial<Identity> = o.values ?? { language: req.patient.lang };
    const e = o.errors ?? {};
    const offered = clinic.settings['portal.offeredRights'];
    const ways = verifications();
    return renderPage(req, reply, {
      title: t.register.title, clinic, status: o.status ?? 200,
      body: html`<p>${fill(t.register.intro, { portal: clinic.portalName })}</p>${Object.keys(e).length ? notice(t.common.fixErrors, 'error') : ''}
<form method="post" action="${clinicPath(clinic, 'register')}" novalidate>${csrfInput(req)}
${input({ name: 'email', type: 'email', label: f.email, value: v.email, error: e.email, autocomplete: 'email', required: true })}
${input({ name: 'given_name', label: f.givenName, value: v.givenName, error: e.given_name, autocomplete: 'given-name', required: true })}
${input({ name: 'family_name', label: f.familyName, value: v.familyName, error: e.family_name, autocomplete: 'family-name', required: true })}
${input({ name: 'date_of_birth', type: 'date', label: f.dateOfBirth, hint: f.dateHint, value: v.dateOfBirth, error: e.date_of_birth, autocomplete: 'bday', required: true })}
${input({ name: 'postal_code', label: f.postalCode, value: v.postalCode, error: e.postal_code, autocomplete: 'postal-code', required: true })}
${input({ name: 'mobile', type: 'tel', label: f.mobile, hint: f.mobileHint, optional: t.common.optional, value: v.mobile, error: e.mobile, autocomplete: 'tel' })}
${select({ name: 'language', label: f.language, value: v.language ?? req.patient.lang, options: [{ value: 'da', label: 'Dansk' }, { value: 'en', label: 'English' }] })}
${offered.length ? choices({ name: 'rights', legend: t.register.rights, type: 'checkbox', options: offered.map((r) => ({ value: r, label: t.rights[r] })), checked: o.rights ?? offered }) : ''}
${choices({
  name: 'verification', legend: t.register.verify, type: 'radio', error: e.verification,
  options: ways.map((w) => ({ value: w, label: w === 'strong' ? t.register.strongDemo : t.register.email })),
  checked: [o.verification ?? (ways.length === 1 ? 'email' : '')],
})}
<div class="actions"><button type="submit">${t.register.submit}</button></div></form>`,
    });
  };

  app.get('/c/:clinic/register', async (req, reply) => {
    const clinic = await openClinic(deps, req, reply);
    return clinic ? formPage(req, reply, clinic) : reply;
  });

  app.post('/c/:clinic/register', async (req, reply) => {
    const clinic = await openClinic(deps, req, reply);
    if (!clinic) return reply;
    const t = req.patient.t;
    if (!deps.limiter.allow('register', req.ip)) return tooMany(req, reply, clinic, t.register.title);
    const values = readIdentity(req.body, req.patient.lang);
    const offered = clinic.settings['portal.offeredRights'];
    const rights = list(req.body, 'rights').filter((r): r is PortalRight => (offered as string[]).includes(r));
    const verification = text(req.body, 'verification');
    const errors = identityErrors(req, values, ['email', 'given_name', 'family_name', 'date_of_birth', 'postal_code', 'mobile'], today());
    if (!(verifications() as string[]).includes(verification)) errors.verification = t.errors.choose;
    if (Object.keys(errors).length) return formPage(req, reply, clinic, { values, rights, verification, errors, status: 400 });
    const now = nowOf(deps);
    if (verification === 'strong') {
      const { secret, id } = await hub.store.db.transaction().execute((trx) => createPending(trx, { clinicId: clinic.id, identity: values, rights, verification: 'strong', now }));
      await patientAudit(db, now, { clinicId: clinic.id, action: 'registration.start', source: req.ip, entityId: id, detail: { verification } });
      setCookie(req, COOKIE.registration, secret as string, { path: clinicPath(clinic) });
      return seeOther(reply, clinicPath(clinic, 'register/eid'));
    }
    await writeAtHub(hub, async (changes, trx) => {
      const { id } = await createPending(trx, { clinicId: clinic.id, identity: values, rights, verification: 'email', now });
      const { token, hours } = await issueToken(trx, { purpose: 'email-confirmation', clinicId: clinic.id, subjectId: id, now });
      const displayName = notificationName(clinic);
      await enqueueNotification({ trx, changes, now }, {
        key: `confirm:${id}`, clinicId: clinic.id, kind: 'emailConfirmation', channel: 'email', to: values.email, language: values.language,
        params: { link: linkFor(hub.publicUrl, clinic.id, 'email-confirmation', token), hours, ...(displayName ? { displayName } : {}) },
      });
      await patientAudit(trx, now, { clinicId: clinic.id, action: 'registration.start', source: req.ip, entityId: id, detail: { verification } });
    });
    return renderPage(req, reply, {
      title: t.register.checkEmail, clinic,
      body: notice(fill(t.register.emailSent, { email: values.email, hours: TOKEN_HOURS['email-confirmation'] }), 'ok'),
    });
  });

  const expired = (req: FastifyRequest, reply: FastifyReply, clinic: ClinicPortal, title: string, message: string) =>
    renderPage(req, reply, { title, clinic, status: 410, body: html`${notice(message, 'error')}<p><a href="${clinicPath(clinic, 'register')}">${req.patient.t.register.title}</a></p>` });

  app.get('/c/:clinic/register/eid', async (req, reply) => {
    if (!deps.opts.demoEid) return reply.callNotFound();
    const clinic = await openClinic(deps, req, reply);
    if (!clinic) return reply;
    const t = req.patient.t;
    const pending = await pendingBySecret(db, req.patient.cookies[COOKIE.registration], clinic.id, nowOf(deps));
    if (!pending) return expired(req, reply, clinic, t.eid.title, t.register.expired);
    return renderPage(req, reply, {
      title: t.eid.title, clinic,
      body: html`<p class="demo" role="note">${t.eid.banner}</p>
<p>${fill(t.eid.as, { name: `${pending.given_name} ${pending.family_name}`, date: formatDate(req.patient.lang, pending.date_of_birth) })}</p>
<form method="post" action="${clinicPath(clinic, 'register/eid')}">${csrfInput(req)}
<div class="actions"><button type="submit" name="action" value="confirm">${t.eid.confirm}</button>
<button type="submit" name="action" value="cancel" class="secondary">${t.eid.cancel}</button></div></form>`,
    });
  });

  app.post('/c/:clinic/register/eid', async (req, reply) => {
    if (!deps.opts.demoEid) return reply.callNotFound();
    const clinic = await openClinic(deps, req, reply);
    if (!clinic) return reply;
    const t = req.patient.t;
    if (!deps.limiter.allow('token', req.ip)) return tooMany(req, reply, clinic, t.eid.title);
    const now = nowOf(deps);
    const pending = await pendingBySecret(db, req.patient.cookies[COOKIE.registration], clinic.id, now);
    clearCookie(req, COOKIE.registration, clinicPath(clinic));
    if (!pending) return expired(req, reply, clinic, t.eid.title, t.register.expired);
    if (text(req.body, 'action') !== 'confirm') {
      await dropPending(db, pending.id);
      return seeOther(reply, clinicPath(clinic));
    }
    await writeAtHub(hub, async (changes, trx) => {
      const id = await completeRegistration({ trx, changes, now }, clinic, pending, 'strong');
      await patientAudit(trx, now, { clinicId: clinic.id, action: 'registration.verified', source: req.ip, entityId: id, detail: { verification: 'strong', demoEid: true } });
    });
    return seeOther(reply, clinicPath(clinic, 'register/done'));
  });

  app.get<{ Querystring: { token?: string } }>('/c/:clinic/confirm-email', async (req, reply) => {
    const clinic = await openClinic(deps, req, reply);
    if (!clinic) return reply;
    const t = req.patient.t;
    if (!deps.limiter.allow('token', req.ip)) return tooMany(req, reply, clinic, t.confirmEmail.title);
    const token = String(req.query.token ?? '');
    const now = nowOf(deps);
    const id = await peekToken(db, { token, purpose: 'email-confirmation', clinicId: clinic.id, now });
    if (!id || !(await pendingById(db, id, clinic.id, now))) return expired(req, reply, clinic, t.confirmEmail.title, t.confirmEmail.invalid);
    // a button, not the link itself: mail scanners that open links must not send the registration
    return renderPage(req, reply, {
      title: t.confirmEmail.title, clinic,
      body: html`<p>${t.confirmEmail.intro}</p><form method="post" action="${clinicPath(clinic, 'confirm-email')}">${csrfInput(req)}
<input type="hidden" name="token" value="${token}"><div class="actions"><button type="submit">${t.confirmEmail.submit}</button></div></form>`,
    });
  });

  app.post('/c/:clinic/confirm-email', async (req, reply) => {
    const clinic = await openClinic(deps, req, reply);
    if (!clinic) return reply;
    const t = req.patient.t;
    if (!deps.limiter.allow('token', req.ip)) return tooMany(req, reply, clinic, t.confirmEmail.title);
    const token = text(req.body, 'token');
    const now = nowOf(deps);
    const done = await writeAtHub(hub, async (changes, trx) => {
      const pendingId = await spendToken(trx, { token, purpose: 'email-confirmation', clinicId: clinic.id, now });
      const pending = pendingId ? await pendingById(trx, pendingId, clinic.id, now) : undefined;
      if (!pending) return false;
      const id = await completeRegistration({ trx, changes, now }, clinic, pending, 'email');
      await patientAudit(trx, now, { clinicId: clinic.id, action: 'registration.verified', source: req.ip, entityId: id, detail: { verification: 'email' } });
      return true;
    });
    if (!done) return expired(req, reply, clinic, t.confirmEmail.title, t.confirmEmail.invalid);
    return seeOther(reply, clinicPath(clinic, 'register/done'));
  });

  app.get('/c/:clinic/register/done', async (req, reply) => {
    const clinic = await openClinic(deps, req, reply);
    if (!clinic) return reply;
    const t = req.patient.t;
    return renderPage(req, reply, { title: t.register.receivedTitle, clinic, body: html`${notice(t.register.received, 'ok')}<p><a href="${clinicPath(clinic)}">${t.signin.title}</a></p>` });
  });
}
