import type { FastifyReply, FastifyRequest } from 'fastify';
import * as access from '../../common/i18n/patientAccess';
import * as pages from '../../common/i18n/patientPages';
import * as portal from '../../common/i18n/patientPortal';
import type { Language } from '../../common/i18n/types';

/** The patients' pages' texts: the public pages', the signed-in pages' and the results pages' catalogs as one. */
export type Texts = (typeof portal.en)['patientPortal'] & (typeof pages.en)['patientPages'] & (typeof access.en)['patientAccess'];
const CATALOGS: Record<Language, Texts> = {
  en: { ...portal.en.patientPortal, ...pages.en.patientPages, ...access.en.patientAccess },
  da: { ...portal.da.patientPortal, ...pages.da.patientPages, ...access.da.patientAccess },
};

/** What every patient page knows about its request: language, cookies, the CSRF token for its forms. */
export interface PatientRequestState {
  lang: Language;
  t: Texts;
  cookies: Record<string, string>;
  /** The CSRF token to put in this page's forms (bound to the browser's pp_csrf cookie). */
  csrf: string;
  /** Set-Cookie lines sent with the reply. */
  setCookies: string[];
  secure: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    patient: PatientRequestState;
  }
}

export const COOKIE = { lang: 'pp_lang', csrf: 'pp_csrf', session: 'pp_session', pending: 'pp_pending', registration: 'pp_reg', access: 'pp_access' } as const;

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 1) continue;
    const name = part.slice(0, i).trim();
    const value = part.slice(i + 1).trim();
    // the first one wins: the most specific path comes first in a Cookie header
    if (!(name in out)) out[name] = /^[A-Za-z0-9_\-.]*$/.test(value) ? value : '';
  }
  return out;
}

export interface CookieOptions {
  path: string;
  /** Seconds; omitted = until the browser closes; 0 = delete now. */
  maxAge?: number;
  sameSite?: 'Strict' | 'Lax';
  httpOnly?: boolean;
}

/** Strict, HttpOnly unless told otherwise; Secure when the hub is reached over https. */
export function setCookie(req: FastifyRequest, name: string, value: string, opts: CookieOptions): void {
  const parts = [`${name}=${value}`, `Path=${opts.path}`, `SameSite=${opts.sameSite ?? 'Strict'}`];
  if (opts.maxAge !== undefined) parts.push(`Max-Age=${opts.maxAge}`);
  if (opts.httpOnly !== false) parts.push('HttpOnly');
  if (req.patient.secure) parts.push('Secure');
  req.patient.setCookies.push(parts.join('; '));
}

export const clearCookie = (req: FastifyRequest, name: string, path: string) => setCookie(req, name, '', { path, maxAge: 0 });

const isLanguage = (v: unknown): v is Language => v === 'en' || v === 'da';

/** Accept-Language by quality: the first of ours the browser names; Danish when it names neither. */
export function languageFromHeader(header: string | undefined): Language {
  const ranked = (header ?? '')
    .split(',')
    .map((item, i) => {
      const [tag = '', ...params] = item.trim().toLowerCase().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? 1);
      return { lang: tag.split('-')[0], q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return (ranked.find((x) => isLanguage(x.lang))?.lang as Language | undefined) ?? 'da';
}

/** The switch link (`?lang=`), then the cookie it set, then the browser's Accept-Language. */
export function chooseLanguage(req: FastifyRequest, cookies: Record<string, string>): { lang: Language; fromLink: boolean } {
  const asked = (req.query as Record<string, unknown> | undefined)?.lang;
  if (isLanguage(asked)) return { lang: asked, fromLink: true };
  if (isLanguage(cookies[COOKIE.lang])) return { lang: cookies[COOKIE.lang] as Language, fromLink: false };
  return { lang: languageFromHeader(req.headers['accept-language']), fromLink: false };
}

export const textsFor = (lang: Language): Texts => CATALOGS[lang];

/** `{{name}}` placeholders of a catalog text. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (values[name] === undefined ? whole : String(values[name])));
}

/**
 * No script may run, nothing may frame the pages, forms post only here, no referrer leaks a
 * token from a URL. The one stylesheet is served by the hub itself.
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

/** A form post answers with 303 so that reloading the next page never posts again. */
export function seeOther(reply: FastifyReply, location: string): FastifyReply {
  return reply.code(303).header('location', location).send();
}

/** The path and query of this request with `lang` set: the language switch keeps the page (and its token). */
export function withLanguage(url: string, lang: Language): string {
  const u = new URL(url, 'http://x');
  u.searchParams.set('lang', lang);
  return `${u.pathname}${u.search}`;
}
