import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { newId } from '../../../common/ids';
import { foldText } from '../../../common/rules/text';
import { entityDb, writeAtHub } from '../../sync/changes';
import { accessProblem, getAccount, getState, updateState, type PortalAccount } from '../accounts';
import { patientAudit } from '../audit';
import type { ClinicPortal } from '../clinic';
import { nowOf, openClinic, type PatientDeps } from '../context';
import { storeOwnPassword } from '../credentials';
import { input, text, type FieldErrors } from '../forms';
import { html } from '../html';
import { clearCookie, COOKIE, fill, seeOther, setCookie } from '../http';
import { clinicPath, csrfInput, notice, renderPage, tooMany } from '../layout';
import { newPasswordErrors, newPasswordFields } from '../newPassword';
import { hashPatientPassword } from '../passwords';
import { endAccountSessions, openSession } from '../sessions';
import { peekToken, sendAccountLink, spendToken, TOKEN_HOURS, type AccountLinkPurpose } from '../tokens';
import { identityErrors, readIdentity, type Identity } from '../identity';

/** The pages the emailed links open (activate, reset) and "forgot your password". */
export function linkRoutes(app: FastifyInstance, deps: PatientDeps): void {
  const { hub } = deps;
  const { db } = hub.store;

  const PAGES: Record<AccountLinkPurpose, { path: string; texts: 'activate' | 'reset' }> = {
    activation: { path: 'activate', texts: 'activate' },
    reset: { path: 'reset', texts: 'reset' },
  };

  /** The account a link's token names, or why the link cannot be used. */
  const accountOf = async (purpose: AccountLinkPurpose, clinic: ClinicPortal, token: string) => {
    const id = await peekToken(db, { token, purpose, clinicId: clinic.id, now: nowOf(deps) });
    const account = id ? await getAccount(db, id) : undefined;
    const problem = accessProblem(account, account ? await getState(db, account.id) : undefined);
    return { account: problem === 'gone' ? undefined : account, problem };
  };

  const invalid = (req: FastifyRequest, reply: FastifyReply, clinic: ClinicPortal, purpose: AccountLinkPurpose, disabled: boolean) => {
    const t = req.patient.t;
    const message = disabled ? t.signin.disabled : t[PAGES[purpose].texts].invalid;
    return renderPage(req, reply, { title: t[PAGES[purpose].texts].title, clinic, status: 410, body: html`${notice(message, 'error')}<p><a href="${clinicPath(clinic)}">${t.signin.title}</a></p>` });
  };

  const form = (req: FastifyRequest, reply: FastifyReply, clinic: ClinicPortal, purpose: AccountLinkPurpose, account: PortalAccount, token: string, errors: FieldErrors = {}, status = 200) => {
    const t = req.patient.t;
    const texts = t[PAGES[purpose].texts];
    return renderPage(req, reply, {
      title: texts.title, clinic, status,
      body: html`<p>${texts.intro}</p>${purpose === 'activation' && account.username ? html`<p>${fill(t.activate.username, { username: account.username })}</p>` : ''}
<form method="post" action="${clinicPath(clinic, PAGES[purpose].path)}" novalidate>${csrfInput(req)}<input type="hidden" name="token" value="${token}">
${newPasswordFields(req, errors)}<div class="actions"><button type="submit">${texts.submit}</button></div></form>`,
    });
  };

  for (const purpose of ['activation', 'reset'] as const) {
    const path = `/c/:clinic/${PAGES[purpose].path}`;

    app.get<{ Querystring: { token?: string } }>(path, async (req, reply) => {
      const clinic = await openClinic(deps, req, reply);
      if (!clinic) return reply;
      // opening the page checks the token too: counted like the post
      if (!deps.limiter.allow('token', req.ip)) return tooMany(req, reply, clinic, req.patient.t[PAGES[purpose].texts].title);
      const token = String(req.query.token ?? '');
      const { account, problem } = await accountOf(purpose, clinic, token);
      if (!account || problem === 'disabled') return invalid(req, reply, clinic, purpose, problem === 'disabled');
      return form(req, reply, clinic, purpose, account, token);
    });

    app.post(path, async (req, reply) => {
      const clinic = await openClinic(deps, req, reply);
      if (!clinic) return reply;
      if (!deps.limiter.allow('token', req.ip)) return tooMany(req, reply, clinic, req.patient.t[PAGES[purpose].texts].title);
      const body = req.body as Record<string, unknown>;
      const token = text(body, 'token');
      const { account, problem } = await accountOf(purpose, clinic, token);
      if (!account || problem === 'disabled') return invalid(req, reply, clinic, purpose, problem === 'disabled');
      const pw = typeof body.password === 'string' ? body.password : '';
      const errors = newPasswordErrors(req, pw, typeof body.repeat === 'string' ? body.repeat : '', account.username);
      if (Object.keys(errors).length) return form(req, reply, clinic, purpose, account, token, errors, 400);
      const hash = await hashPatientPassword(pw, deps.opts.scrypt);
      const now = nowOf(deps);
      const done = await writeAtHub(hub, async (changes, trx) => {
        if (!(await spendToken(trx, { token, purpose, clinicId: clinic.id, now }))) return null;
        const state = await getState(trx, account.id);
        const locked = state?.status === 'locked';
        await storeOwnPassword(trx, account, hash, now);
        const ended = purpose === 'reset' ? await endAccountSessions(trx, account.id, 'passwordReset', now) : 0;
        await updateState(changes, account, {
          ...(locked ? {} : { status: 'active' as const }),
          activated_at: state?.activated_at ?? now,
          ...(purpose === 'activation' && !locked ? { last_sign_in_at: now } : {}),
        });
        await patientAudit(trx, now, {
          clinicId: clinic.id, accountId: account.id, patientId: account.patient_id, action: purpose === 'activation' ? 'account.activate' : 'password.reset',
          source: req.ip, detail: { sessionsEnded: ended, locked },
        });
        const session = purpose === 'activation' && !locked ? await openSession(trx, { clinicId: clinic.id, accountId: account.id, mustChange: false, now }) : null;
        return { locked, session };
      });
      if (!done) return invalid(req, reply, clinic, purpose, false);
      if (done.locked) return renderPage(req, reply, { title: req.patient.t.reset.title, clinic, status: 403, body: notice(req.patient.t.reset.stillLocked, 'error') });
      if (done.session) {
        setCookie(req, COOKIE.session, done.session, { path: clinicPath(clinic) });
        return seeOther(reply, clinicPath(clinic, 'home'));
      }
      clearCookie(req, COOKIE.session, clinicPath(clinic));
      return seeOther(reply, `${clinicPath(clinic)}?m=passwordChanged`);
    });
  }

  const forgotPage = (req: FastifyRequest, reply: FastifyReply, clinic: ClinicPortal, o: { values?: Partial<Identity>; errors?: FieldErrors; status?: number; sent?: boolean } = {}) => {
    const t = req.patient.t;
    const f = t.fields;
    const v = o.values ?? {};
    const e = o.errors ?? {};
    if (o.sent) return renderPage(req, reply, { title: t.forgot.title, clinic, body: html`${notice(fill(t.forgot.sent, { hours: TOKEN_HOURS.reset }), 'ok')}<p><a href="${clinicPath(clinic)}">${t.signin.title}</a></p>` });
    return renderPage(req, reply, {
      title: t.forgot.title, clinic, status: o.status ?? 200,
      body: html`<p>${t.forgot.intro}</p><form method="post" action="${clinicPath(clinic, 'forgot')}" novalidate>${csrfInput(req)}
${input({ name: 'email', type: 'email', label: f.email, value: v.email, error: e.email, autocomplete: 'email', required: true })}
${input({ name: 'family_name', label: f.familyName, value: v.familyName, error: e.family_name, autocomplete: 'family-name', required: true })}
${input({ name: 'date_of_birth', type: 'date', label: f.dateOfBirth, hint: f.dateHint, value: v.dateOfBirth, error: e.date_of_birth, autocomplete: 'bday', required: true })}
${input({ name: 'postal_code', label: f.postalCode, value: v.postalCode, error: e.postal_code, autocomplete: 'postal-code', required: true })}
<div class="actions"><button type="submit">${t.forgot.submit}</button></div></form>`,
    });
  };

  app.get('/c/:clinic/forgot', async (req, reply) => {
    const clinic = await openClinic(deps, req, reply);
    return clinic ? forgotPage(req, reply, clinic) : reply;
  });

  // Seed 001: email, last name, date of birth and postal code must all match what the clinic has on file.
  app.post('/c/:clinic/forgot', async (req, reply) => {
    const clinic = await openClinic(deps, req, reply);
    if (!clinic) return reply;
    if (!deps.limiter.allow('forgot', req.ip)) return tooMany(req, reply, clinic, req.patient.t.forgot.title);
    const values = readIdentity(req.body);
    const errors = identityErrors(req, values, ['email', 'family_name', 'date_of_birth', 'postal_code'], nowOf(deps).slice(0, 10));
    if (Object.keys(errors).length) return forgotPage(req, reply, clinic, { values, errors, status: 400 });
    const now = nowOf(deps);
    const matches = await matchingAccounts(deps, clinic.id, values);
    for (const account of matches) {
      await writeAtHub(hub, async (changes, trx) => {
        await sendAccountLink({ trx, changes, now, publicUrl: hub.publicUrl }, { key: `forgot:${newId()}`, accountId: account.id, purpose: 'reset', language: req.patient.lang, channel: 'email', to: values.email });
        await patientAudit(trx, now, { clinicId: clinic.id, accountId: account.id, patientId: account.patient_id, action: 'password.forgot', source: req.ip });
      });
    }
    if (!matches.length) await patientAudit(db, now, { clinicId: clinic.id, action: 'password.forgot', outcome: 'refused', source: req.ip, detail: { reason: 'noMatch' } });
    return forgotPage(req, reply, clinic, { sent: true });
  });
}

/** Live, enabled accounts whose email (the account's or the patient's) and patient's identity all match. */
async function matchingAccounts(deps: PatientDeps, clinicId: string, id: Identity): Promise<PortalAccount[]> {
  const { db } = deps.hub.store;
  const rows = (await entityDb(db).selectFrom('e_portal_account as a').innerJoin('e_patient as p', 'p.id', 'a.patient_id')
    .selectAll('a').select(['p.email as patient_email', 'p.family_name', 'p.postal_code'])
    .where('a.clinic_id', '=', clinicId).where('a.deleted_at', 'is', null).where('p.deleted_at', 'is', null)
    .where('p.date_of_birth', '=', id.dateOfBirth).execute()) as Array<PortalAccount & { patient_email: string | null; family_name: string; postal_code: string | null }>;
  const postal = (s: string | null) => (s ?? '').replace(/\s/g, '').toLowerCase();
  const out: PortalAccount[] = [];
  for (const r of rows) {
    const email = (r.email ?? r.patient_email ?? '').trim().toLowerCase();
    if (email !== id.email.toLowerCase() || foldText(r.family_name).trim() !== foldText(id.familyName).trim() || postal(r.postal_code) !== postal(id.postalCode)) continue;
    if (accessProblem(r, await getState(db, r.id)) === null) out.push(r);
  }
  return out;
}
