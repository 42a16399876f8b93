import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatAccessCode, parseAccessCode, type ParsedCode } from '../../../common/rules/accessCode';
import { MAX_MISSES } from '../../../common/rules/accessKey';
import { isCalendarDate } from '../../../common/time';
import { ACCESS_VIEW_MINUTES, endAccessSession, useAccessSession } from '../accessSessions';
import { patientAudit } from '../audit';
import type { ClinicPortal } from '../clinic';
import { nowOf, openClinic, type PatientDeps } from '../context';
import { formatDateTime } from '../format';
import { input, text, type FieldErrors } from '../forms';
import { html, type Html } from '../html';
import { clearCookie, COOKIE, fill, seeOther, setCookie } from '../http';
import { normalizeDate } from '../identity';
import { getKey, statusOf, studiesOfKeys, type HubKey } from '../issuedKeys';
import { clinicPath, csrfInput, notice, renderPage, tooMany } from '../layout';
import { redeemCode } from '../redeem';
import { studyTable } from '../studyList';

const MESSAGES = ['expired', 'done'] as const;

/** The message at the code field for a code that cannot be one (the check symbol catches typos here). */
function codeError(req: FastifyRequest, parsed: Exclude<ParsedCode, { ok: true }>): string {
  const t = req.patient.t;
  switch (parsed.problem) {
    case 'empty': return t.errors.required;
    case 'character': return fill(t.access.codeCharacter, { character: String(parsed.params?.character ?? '') });
    case 'length': return fill(t.access.codeLength, { expected: Number(parsed.params?.expected ?? 16), actual: Number(parsed.params?.actual ?? 0) });
    case 'check': return t.access.codeCheck;
  }
}

/** Why a key that matched does not open: disabled (by staff or with the portal), locked, expired. */
function refusal(req: FastifyRequest, reason: 'disabled' | 'locked' | 'expired', key: HubKey | undefined): string {
  const t = req.patient.t.access;
  if (reason === 'locked') return fill(t.locked, { misses: MAX_MISSES });
  if (reason === 'expired' && key) return fill(t.expired, { time: formatDateTime(req.patient.lang, key.expires_at) });
  return t.disabled;
}

/**
 * Results by access code (issue 4, seed 000): the code from the access slip and the date of birth
 * open a short view of the key's studies. No account, no session of the portal; the code itself
 * is never kept, in a cookie or anywhere else.
 */
export function accessRoutes(app: FastifyInstance, deps: PatientDeps): void {
  const { hub } = deps;
  const { db } = hub.store;
  const accessPath = (clinic: ClinicPortal) => clinicPath(clinic, 'access');

  const formPage = (req: FastifyRequest, reply: FastifyReply, clinic: ClinicPortal, o: { code?: string; dateOfBirth?: string; errors?: FieldErrors; top?: Html; status?: number } = {}) => {
    const t = req.patient.t;
    const e = o.errors ?? {};
    return renderPage(req, reply, {
      title: t.access.title, clinic, status: o.status ?? 200,
      body: html`${o.top ?? ''}<p>${t.access.intro}</p>
<form method="post" action="${accessPath(clinic)}" novalidate>${csrfInput(req)}
${input({ name: 'code', label: t.access.code, hint: t.access.codeHint, value: o.code ?? '', autocomplete: 'off', maxlength: 40, required: true, error: e.code })}
${input({ name: 'date_of_birth', type: 'date', label: t.fields.dateOfBirth, hint: t.fields.dateHint, value: o.dateOfBirth ?? '', autocomplete: 'bday', required: true, error: e.date_of_birth })}
<div class="actions"><button type="submit">${t.access.submit}</button></div></form>
<ul class="links"><li><a href="${clinicPath(clinic)}">${t.signin.title}</a></li></ul>`,
    });
  };

  app.get<{ Querystring: { m?: string } }>('/c/:clinic/access', async (req, reply) => {
    const clinic = await openClinic(deps, req, reply);
    if (!clinic) return reply;
    const t = req.patient.t.access;
    const m = MESSAGES.find((x) => x === req.query.m);
    const top = m === 'expired' ? notice(fill(t.viewEnded, { minutes: ACCESS_VIEW_MINUTES })) : m === 'done' ? notice(t.done, 'ok') : undefined;
    return formPage(req, reply, clinic, top ? { top } : {});
  });

  app.post('/c/:clinic/access', async (req, reply) => {
    const clinic = await openClinic(deps, req, reply);
    if (!clinic) return reply;
    const t = req.patient.t;
    if (!deps.limiter.allow('access', req.ip)) return tooMany(req, reply, clinic, t.access.title);
    const typed = text(req.body, 'code');
    const dateOfBirth = normalizeDate(text(req.body, 'date_of_birth'));
    const parsed = parseAccessCode(typed);
    const code = parsed.ok ? formatAccessCode(parsed.canonical) : typed;
    const errors: FieldErrors = {};
    if (!parsed.ok) errors.code = codeError(req, parsed);
    const today = nowOf(deps).slice(0, 10);
    if (!dateOfBirth) errors.date_of_birth = t.errors.required;
    else if (!isCalendarDate(dateOfBirth) || dateOfBirth > today || dateOfBirth < '1900-01-01') errors.date_of_birth = t.errors.dateOfBirth;
    // not a code or not a date: nothing is looked up, nothing counts against any key
    if (!parsed.ok || Object.keys(errors).length) return formPage(req, reply, clinic, { code, dateOfBirth, errors, status: 400 });

    const r = await redeemCode(hub, { clinicId: clinic.id, canonical: parsed.canonical, dateOfBirth, source: req.ip });
    const again = (o: { errors?: FieldErrors; top?: Html; status: number }) => formPage(req, reply, clinic, { code, dateOfBirth, ...o });
    switch (r.outcome) {
      case 'noMatch':
        // the same words, status and fields for every case, so a guesser learns nothing (redeem.ts)
        return again({ errors: { code: t.access.noMatch, date_of_birth: t.access.checkDate }, status: 401 });
      case 'refused':
        return again({ top: notice(refusal(req, r.reason, r.key), 'error'), status: 403 });
      case 'granted': {
        const earlier = req.patient.cookies[COOKIE.access];
        const live = await useAccessSession(db, earlier, clinic.id, nowOf(deps));
        if (live.ok) await endAccessSession(db, live.idHash, 'replaced', nowOf(deps));
        setCookie(req, COOKIE.access, r.secret, { path: accessPath(clinic), maxAge: ACCESS_VIEW_MINUTES * 60 });
        return seeOther(reply, clinicPath(clinic, 'access/results'));
      }
    }
  });

  app.get('/c/:clinic/access/results', async (req, reply) => {
    const clinic = await openClinic(deps, req, reply);
    if (!clinic) return reply;
    const t = req.patient.t;
    const now = nowOf(deps);
    const view = await useAccessSession(db, req.patient.cookies[COOKIE.access], clinic.id, now);
    if (!view.ok) {
      clearCookie(req, COOKIE.access, accessPath(clinic));
      return seeOther(reply, view.reason === 'expired' ? `${accessPath(clinic)}?m=expired` : accessPath(clinic));
    }
    // staff's changes take effect at the next look: a key disabled, expired or locked since shows nothing
    const key = await getKey(db, view.keyId);
    const status = key ? await statusOf(db, key, now) : 'disabled';
    const audit = (outcome: 'ok' | 'refused', detail: Record<string, string | number>) =>
      patientAudit(db, now, { clinicId: clinic.id, accountId: key?.account_id ?? null, patientId: key?.patient_id ?? null, actor: 'patient', action: 'access.results.view', outcome, source: req.ip, entityId: view.keyId, detail });
    if (!key || status !== 'active') {
      await endAccessSession(db, view.idHash, status, now);
      await audit('refused', { reason: status });
      clearCookie(req, COOKIE.access, accessPath(clinic));
      return formPage(req, reply, clinic, { top: notice(refusal(req, status === 'active' ? 'disabled' : status, key), 'error'), status: 403 });
    }
    const studies = await studiesOfKeys(db, [key.id]);
    await audit('ok', { studies: studies.length });
    const lang = req.patient.lang;
    return renderPage(req, reply, {
      title: t.keyResults.title, clinic,
      body: html`${notice(fill(t.keyResults.until, { time: formatDateTime(lang, view.expiresAt), expires: formatDateTime(lang, key.expires_at) }))}
<p>${t.keyResults.intro}</p>${studyTable(req, studies, now)}
<form method="post" action="${clinicPath(clinic, 'access/end')}">${csrfInput(req)}<div class="actions"><button type="submit">${t.keyResults.close}</button></div></form>`,
    });
  });

  app.post('/c/:clinic/access/end', async (req, reply) => {
    const clinic = await openClinic(deps, req, reply);
    if (!clinic) return reply;
    const now = nowOf(deps);
    const view = await useAccessSession(db, req.patient.cookies[COOKIE.access], clinic.id, now);
    if (view.ok) {
      await endAccessSession(db, view.idHash, 'closed', now);
      await patientAudit(db, now, { clinicId: clinic.id, actor: 'patient', action: 'access.close', source: req.ip, entityId: view.keyId });
    }
    clearCookie(req, COOKIE.access, accessPath(clinic));
    return seeOther(reply, `${accessPath(clinic)}?m=done`);
  });
}
