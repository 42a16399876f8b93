import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { da, en } from '../../common/i18n/notifications';
import type { DroppedMessage, MailDrop } from './drop';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Only a browser on the hub's own machine, talking to it directly: not through a proxy (which
 * would connect from 127.0.0.1 on a visitor's behalf), and not under another host name (a web
 * page that rebinds its DNS name to 127.0.0.1 must not read activation links).
 */
export function isLocalRequest(req: FastifyRequest): boolean {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
  const proxied = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
  return LOOPBACK.has(req.socket.remoteAddress ?? '') && LOCAL_HOSTS.has(host) && !proxied;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** Links in a message become clickable, so a demo user can follow an activation link. */
const linkify = (escaped: string) => escaped.replace(/https?:\/\/[^\s<]+/g, (u) => `<a href="${u}">${u}</a>`);

function textsFor(req: FastifyRequest) {
  const q = (req.query as { lang?: string }).lang;
  const lang = q === 'da' || q === 'en' ? q : /^da\b/i.test(req.headers['accept-language'] ?? '') ? 'da' : 'en';
  return { lang, t: (lang === 'da' ? da : en).notifications.devMail };
}

function page(reply: FastifyReply, lang: string, title: string, body: string) {
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .send(
      `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${esc(title)}</title>` +
        '<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse}' +
        'td,th{padding:.3rem .8rem;border-bottom:1px solid #ccc;text-align:left}pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem}</style>' +
        `</head><body>${body}</body></html>`,
    );
}

const summary = (m: DroppedMessage) => m.subject ?? (m.text.length > 70 ? `${m.text.slice(0, 70)}…` : m.text);

/** `/dev/mail`: the demo's mailbox, a list of what the hub "sent" and each message in full. */
export function devMailRoutes(app: FastifyInstance, drop: MailDrop): void {
  const guard = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!isLocalRequest(req)) {
      return reply.code(403).header('content-type', 'text/plain; charset=utf-8')
        .send(`${en.notifications.devMail.intro}\n${da.notifications.devMail.intro}\n`);
    }
  };

  app.get('/dev/mail', { preHandler: guard }, async (req, reply) => {
    const { lang, t } = textsFor(req);
    const rows = drop.list().map((m) =>
      `<tr><td>${esc(m.at)}</td><td>${m.channel === 'email' ? t.email : t.sms}</td><td>${esc(m.to)}</td>` +
        `<td><a href="/dev/mail/${m.id}?lang=${lang}">${esc(summary(m))}</a></td></tr>`);
    const table = rows.length
      ? `<table><thead><tr><th>${t.when}</th><th>${t.channel}</th><th>${t.to}</th><th>${t.subject}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
      : `<p>${t.empty}</p>`;
    return page(reply, lang, t.title, `<h1>${t.title}</h1><p>${t.intro}</p>${table}`);
  });

  app.get<{ Params: { id: string } }>('/dev/mail/:id', { preHandler: guard }, async (req, reply) => {
    const { lang, t } = textsFor(req);
    const m = drop.read(req.params.id);
    const back = `<p><a href="/dev/mail?lang=${lang}">${t.back}</a></p>`;
    if (!m) return page(reply.code(404), lang, t.title, `${back}<p>${t.notFound}</p>`);
    const head = `<dl><dt>${t.when}</dt><dd>${esc(m.at)}</dd><dt>${t.to}</dt><dd>${esc(m.to)}</dd>` +
      (m.subject ? `<dt>${t.subject}</dt><dd>${esc(m.subject)}</dd>` : '') + '</dl>';
    return page(reply, lang, m.subject ?? t.sms, `${back}<h1>${esc(m.subject ?? t.sms)}</h1>${head}<pre>${linkify(esc(m.text))}</pre>`);
  });
}
