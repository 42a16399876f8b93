import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { toTimestamp } from '../../common/time';
import type { HubContext } from '../context';
import { MAX_DOCUMENT_BYTES } from './documents';
import { html } from './html';
import { chooseLanguage, COOKIE, parseCookies, SECURITY_HEADERS, setCookie, textsFor } from './http';
import { notice, renderPage } from './layout';
import { RateLimiter } from './limits';
import type { PatientDeps, PatientOptions } from './context';
import { hmac, hubSecret, randomToken, sameText } from './secrets';
import { documentRoutes, documentSyncRoute } from './routes/documents';
import { linkRoutes } from './routes/links';
import { pageRoutes } from './routes/pages';
import { registerRoutes } from './routes/register';
import { registrationNoteRoutes } from './routes/registrationNote';
import { requestRoutes } from './routes/requests';
import { signInRoutes } from './routes/signin';

export type { PatientOptions } from './context';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route checks the CSRF token itself (a multipart form: the token is one of its parts). */
    csrfInHandler?: boolean;
  }
}

/** Is this POST from one of our own pages? The Origin (when the browser sends one) must be ours too. */
function sameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export function csrfValid(req: FastifyRequest, key: string, token: string): boolean {
  const cookie = req.patient.cookies[COOKIE.csrf];
  return !!cookie && !!token && sameText(hmac(key, cookie), token) && sameOrigin(req);
}

export function refuseForm(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const t = req.patient.t;
  return renderPage(req, reply, { title: t.common.formExpired, status: 403, body: html`${notice(t.common.formExpired, 'error')}<p><a href="${req.url}">${t.common.back}</a></p>` });
}

/**
 * The patients' pages (README.md): an encapsulated scope, so that their security headers,
 * cookies, CSRF check and form parsers apply here and nowhere else on the hub.
 */
export async function patientRoutes(app: FastifyInstance, hub: HubContext, opts: PatientOptions): Promise<void> {
  const csrfKey = await hubSecret(hub.store.db, 'patient-csrf', toTimestamp(hub.clock.now()));
  const deps: PatientDeps = { hub, opts, limiter: new RateLimiter(hub.clock) };

  await app.register(async (scope) => {
    await scope.register(formbody, { bodyLimit: 64 * 1024 });
    await scope.register(multipart, { limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 8, parts: 9, fieldSize: 8 * 1024 } });
    scope.decorateRequest('patient', null as never);

    scope.addHook('onRequest', async (req) => {
      const cookies = parseCookies(req.headers.cookie);
      const { lang, fromLink } = chooseLanguage(req, cookies);
      const secure = hub.publicUrl.startsWith('https:');
      req.patient = { lang, t: textsFor(lang), cookies, csrf: '', setCookies: [], secure };
      if (fromLink) setCookie(req, COOKIE.lang, lang, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'Lax' });
      let browser = cookies[COOKIE.csrf];
      if (!browser || browser.length < 20) {
        browser = randomToken();
        cookies[COOKIE.csrf] = req.method === 'GET' ? browser : '';
        setCookie(req, COOKIE.csrf, browser, { path: '/' });
      }
      req.patient.csrf = hmac(csrfKey, browser);
    });

    scope.addHook('preHandler', async (req, reply) => {
      if (req.method !== 'POST' || req.routeOptions.config.csrfInHandler) return;
      const token = (req.body as Record<string, unknown> | undefined)?._csrf;
      if (!csrfValid(req, csrfKey, typeof token === 'string' ? token : '')) return refuseForm(req, reply);
    });

    scope.addHook('onSend', async (req, reply, payload) => {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!reply.hasHeader(name)) reply.header(name, value);
      if (req.patient?.setCookies.length) reply.header('set-cookie', req.patient.setCookies);
      return payload;
    });

    scope.setErrorHandler(async (err: { statusCode?: number; code?: string; name?: string }, req, reply) => {
      const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
      if (status === 500) hub.log.error('patient.page.failed', { url: req.routeOptions.url ?? 'unknown', error: err.name ?? 'unknown' });
      if (!req.patient) return reply.code(status).send();
      const t = req.patient.t;
      return renderPage(req, reply, { title: t.common.failed, status, body: notice(t.common.failed, 'error') });
    });

    pageRoutes(scope, deps);
    signInRoutes(scope, deps);
    linkRoutes(scope, deps);
    registerRoutes(scope, deps);
    registrationNoteRoutes(scope, deps);
    requestRoutes(scope, deps);
    documentRoutes(scope, deps, (req, token) => csrfValid(req, csrfKey, token));
  });
  documentSyncRoute(app, deps);
}
