import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PortalRight } from '../../common/settings';
import type { ClinicPortal } from './clinic';
import { html, type Html } from './html';
import { withLanguage } from './http';
import { STYLESHEET_PATH } from './style';

export type NavKey = 'home' | 'profile' | 'history' | 'results' | 'message' | 'appointment' | 'document' | 'myResults';

/** Which pages a patient's rights open (seed 002: no rights → profile and history only). */
export const PAGE_RIGHT: Partial<Record<NavKey, PortalRight>> = {
  results: 'econsultation',
  message: 'econsultation',
  document: 'econsultation',
  appointment: 'ebooking',
};
// 'myResults' needs no right: the clinic's issuing of a key is what lets the patient see those studies
const NAV_ORDER: NavKey[] = ['home', 'myResults', 'message', 'appointment', 'results', 'document', 'history', 'profile'];
export const NAV_PATH: Record<NavKey, string> = {
  home: 'home', profile: 'profile', history: 'history', results: 'results', message: 'messages/new', appointment: 'appointments/new', document: 'documents/new',
  myResults: 'my-results',
};

export const pageOpen = (key: NavKey, rights: readonly PortalRight[]) => {
  const need = PAGE_RIGHT[key];
  return !need || rights.includes(need);
};

export interface SignedInNav {
  rights: readonly PortalRight[];
  current: NavKey | null;
}

export interface PageOptions {
  title: string;
  body: Html;
  clinic?: ClinicPortal | null;
  nav?: SignedInNav | null;
  status?: number;
}

export const clinicPath = (clinic: Pick<ClinicPortal, 'id'>, rest = '') => `/c/${clinic.id}${rest ? `/${rest}` : ''}`;

export function csrfInput(req: FastifyRequest): Html {
  return html`<input type="hidden" name="_csrf" value="${req.patient.csrf}">`;
}

function languageSwitch(req: FastifyRequest): Html {
  const link = (lang: 'en' | 'da', name: string) =>
    html`<a href="${withLanguage(req.url, lang)}" lang="${lang}" hreflang="${lang}"${req.patient.lang === lang ? html` aria-current="true"` : ''}>${name}</a>`;
  return html`<nav class="lang" aria-label="${req.patient.t.common.language}">${link('en', 'English')} ${link('da', 'Dansk')}</nav>`;
}

function menu(req: FastifyRequest, clinic: ClinicPortal, nav: SignedInNav): Html {
  const t = req.patient.t;
  const items = NAV_ORDER.filter((k) => pageOpen(k, nav.rights)).map(
    (k) => html`<li><a href="${clinicPath(clinic, NAV_PATH[k])}"${nav.current === k ? html` aria-current="page"` : ''}>${t.nav[k]}</a></li>`,
  );
  return html`<nav class="menu" aria-label="${t.common.menu}"><ul>${items}</ul>
<form method="post" action="${clinicPath(clinic, 'signout')}" class="signout">${csrfInput(req)}<button type="submit" class="link">${t.common.signOut}</button></form></nav>`;
}

/** The whole document: header (portal name, language switch), the menu when signed in, the page. */
export function renderPage(req: FastifyRequest, reply: FastifyReply, o: PageOptions): FastifyReply {
  const t = req.patient.t;
  const brand = o.clinic ? html`<a href="${clinicPath(o.clinic)}">${o.clinic.portalName}</a>` : html`<a href="/">${t.common.defaultPortal}</a>`;
  const doc = html`<!doctype html>
<html lang="${req.patient.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · ${o.clinic?.portalName ?? t.common.defaultPortal}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}"></head>
<body><a class="skip" href="#main">${t.common.skip}</a>
<header class="top"><p class="brand">${brand}</p>${languageSwitch(req)}</header>
${o.nav && o.clinic ? menu(req, o.clinic, o.nav) : ''}
<main id="main"><h1>${o.title}</h1>
${o.body}
</main></body></html>`;
  return reply.code(o.status ?? 200).header('content-type', 'text/html; charset=utf-8').send(doc.value);
}

export function notice(text: string | Html, kind: 'info' | 'ok' | 'error' = 'info'): Html {
  return kind === 'error' ? html`<p class="notice error" role="alert">${text}</p>` : html`<p class="notice ${kind}" role="status">${text}</p>`;
}

/** A rate limit was reached (limits.ts): 429, with the reason in the page's language. */
export function tooMany(req: FastifyRequest, reply: FastifyReply, clinic: ClinicPortal, title: string): FastifyReply {
  return renderPage(req, reply, { title, clinic, status: 429, body: notice(req.patient.t.common.tooMany, 'error') });
}
