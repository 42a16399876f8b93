import type { FastifyInstance } from 'fastify';
import { PORTAL_RIGHTS } from '../../../common/settings';
import { patientAudit } from '../audit';
import { listClinics } from '../clinic';
import { nowOf, openClinic, requirePatient, type PatientDeps } from '../context';
import { formatDate, formatDateTime } from '../format';
import { html } from '../html';
import { fill } from '../http';
import { clinicPath, NAV_PATH, notice, pageOpen, renderPage, type NavKey } from '../layout';
import { historyOf } from '../requests';
import { stylesheet, STYLESHEET_PATH } from '../style';

/** Notices a page shows after a form posted to it redirected here (`?done=`). */
const DONE = ['results', 'message', 'appointment', 'document'] as const;

/** The hub's root (its clinics), the stylesheet, and the signed-in patient's start, details and history. */
export function pageRoutes(app: FastifyInstance, deps: PatientDeps): void {
  const { db } = deps.hub.store;

  app.get(STYLESHEET_PATH, async (_req, reply) =>
    reply.header('content-type', 'text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(stylesheet()));

  // browsers ask for it on every site; the pages have none, and "nothing" is not an error
  app.get('/favicon.ico', async (_req, reply) => reply.code(204).send());

  app.get('/', async (req, reply) => {
    const t = req.patient.t;
    const clinics = await listClinics(db);
    const items = clinics.map((c) => html`<li><a href="${clinicPath(c)}">${c.portalName}</a>${c.settings['portal.enabled'] ? '' : html` <span class="hint">(${t.root.closed})</span>`}</li>`);
    return renderPage(req, reply, { title: t.root.title, body: clinics.length ? html`<p>${t.root.intro}</p><ul class="links">${items}</ul>` : html`<p>${t.root.none}</p>` });
  });

  app.get('/c/:clinic/home', async (req, reply) => {
    const clinic = await openClinic(deps, req, reply);
    const me = clinic && (await requirePatient(deps, req, reply, clinic));
    if (!me) return reply;
    const t = req.patient.t;
    const open = (['message', 'appointment', 'results', 'document'] as NavKey[]).filter((k) => pageOpen(k, me.rights));
    const links = ['myResults', ...open, 'history', 'profile'].map((k) => html`<li><a href="${clinicPath(clinic, NAV_PATH[k as NavKey])}">${t.nav[k as NavKey]}</a></li>`);
    await patientAudit(db, nowOf(deps), { clinicId: clinic.id, accountId: me.account.id, patientId: me.patient.id, action: 'home.view', source: req.ip });
    return renderPage(req, reply, {
      title: fill(t.home.title, { name: me.patient.given_name }), clinic, nav: { rights: me.rights, current: 'home' },
      body: html`${open.length ? '' : notice(t.home.profileOnly)}<p>${t.home.intro}</p><ul class="links">${links}</ul>`,
    });
  });

  app.get('/c/:clinic/profile', async (req, reply) => {
    const clinic = await openClinic(deps, req, reply);
    const me = clinic && (await requirePatient(deps, req, reply, clinic));
    if (!me) return reply;
    const t = req.patient.t;
    const f = t.fields;
    const p = me.patient;
    const rights = PORTAL_RIGHTS.filter((r) => me.rights.includes(r)).map((r) => html`<li>${t.rights[r]}</li>`);
    const row = (label: string, value: string | null | undefined) => html`<dt>${label}</dt><dd>${value || '—'}</dd>`;
    await patientAudit(db, nowOf(deps), { clinicId: clinic.id, accountId: me.account.id, patientId: p.id, action: 'profile.view', source: req.ip });
    return renderPage(req, reply, {
      title: t.profile.title, clinic, nav: { rights: me.rights, current: 'profile' },
      body: html`<p>${t.profile.intro}</p><dl class="facts">
${row(t.profile.name, `${p.given_name} ${p.family_name}`)}${row(f.dateOfBirth, formatDate(req.patient.lang, p.date_of_birth))}
${row(f.email, p.email)}${row(f.mobile, p.mobile)}${row(t.profile.address, p.address_line)}
${row(f.postalCode, [p.postal_code, p.city].filter(Boolean).join(' '))}
${row(t.profile.username, me.account.username)}${row(t.profile.accountEmail, me.account.email ?? p.email)}
<dt>${t.profile.rights}</dt><dd>${rights.length ? html`<ul>${rights}</ul>` : t.profile.none}</dd>
${row(t.profile.wantsReply, Number(me.account.wants_electronic_reply) === 1 ? t.profile.yes : t.profile.no)}</dl>`,
    });
  });

  app.get<{ Querystring: { done?: string } }>('/c/:clinic/history', async (req, reply) => {
    const clinic = await openClinic(deps, req, reply);
    const me = clinic && (await requirePatient(deps, req, reply, clinic));
    if (!me) return reply;
    const t = req.patient.t;
    const lang = req.patient.lang;
    const items = await historyOf(db, me.account.id);
    const what = (i: (typeof items)[number]) => {
      switch (i.kind) {
        case 'result': return t.history.kinds.result;
        case 'message': return fill(t.history.kinds.message, { to: i.detail });
        case 'appointment': return fill(t.history.kinds.appointment, { date: formatDate(lang, i.detail) });
        case 'document': return fill(t.history.kinds.document, { name: i.detail });
      }
    };
    const rows = items.map((i) => html`<tr><td>${formatDateTime(lang, i.createdAt)}</td><td>${what(i)}</td><td>${t.history.statuses[i.status as keyof typeof t.history.statuses] ?? i.status}</td></tr>`);
    const done = DONE.find((d) => d === req.query.done);
    await patientAudit(db, nowOf(deps), { clinicId: clinic.id, accountId: me.account.id, patientId: me.patient.id, action: 'history.view', source: req.ip });
    return renderPage(req, reply, {
      title: t.history.title, clinic, nav: { rights: me.rights, current: 'history' },
      body: html`${done ? notice(t[done].sent, 'ok') : ''}${items.length
        ? html`<table><thead><tr><th scope="col">${t.history.when}</th><th scope="col">${t.history.what}</th><th scope="col">${t.history.status}</th></tr></thead><tbody>${rows}</tbody></table>`
        : html`<p>${t.history.empty}</p>`}`,
    });
  });
}
