import { request } from 'node:http';

/**
 * A patient's browser for integration tests: real HTTP with fetch, cookies kept per path as a
 * browser keeps them, redirects followed by hand, the CSRF token of the last page's form sent
 * with each post (unless a test leaves it out on purpose).
 */
export interface Page {
  status: number;
  url: string;
  html: string;
  /** The visible text, tags removed and whitespace collapsed: what a test asserts against. */
  text: string;
}

interface Cookie {
  value: string;
  path: string;
}

export function visibleText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

export class PatientBrowser {
  private readonly jar = new Map<string, Cookie>();
  last: Page | null = null;

  /** `from`: another loopback address (127.0.0.2 …) to send from, as a second network would. */
  constructor(readonly base: string, readonly acceptLanguage = 'en', readonly from?: string) {}

  private cookieHeader(path: string): string {
    return [...this.jar.entries()]
      .filter(([, c]) => path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`) || c.path === '/')
      .sort(([, a], [, b]) => b.path.length - a.path.length)
      .map(([key, c]) => `${key.split('|')[0]}=${c.value}`)
      .join('; ');
  }

  private keep(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';').map((s) => s.trim());
      const i = pair.indexOf('=');
      const name = pair.slice(0, i);
      const value = pair.slice(i + 1);
      const path = attrs.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      const gone = attrs.some((a) => a.toLowerCase() === 'max-age=0');
      if (gone) this.jar.delete(`${name}|${path}`);
      else this.jar.set(`${name}|${path}`, { value, path });
    }
  }

  cookie(name: string): string | undefined {
    return [...this.jar.entries()].find(([k]) => k.startsWith(`${name}|`))?.[1].value;
  }

  /** One request, no redirect followed. */
  async raw(method: 'GET' | 'POST', path: string, body?: URLSearchParams | FormData): Promise<Response> {
    const url = new URL(path, this.base);
    const headers: Record<string, string> = { 'accept-language': this.acceptLanguage, cookie: this.cookieHeader(url.pathname), origin: this.base };
    const res = this.from && !(body instanceof FormData) ? await this.fromAddress(this.from, url, method, headers, body) : await fetch(url, { method, headers, body: body ?? null, redirect: 'manual' });
    this.keep(res.headers);
    return res;
  }

  /** fetch cannot choose its source address; node:http can (forms only, no uploads). */
  private fromAddress(localAddress: string, url: URL, method: string, headers: Record<string, string>, body?: URLSearchParams): Promise<Response> {
    const payload = body ? Buffer.from(body.toString()) : null;
    const all = payload ? { ...headers, 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(payload.length) } : headers;
    return new Promise((resolve, reject) => {
      const req = request(url, { method, headers: all, localAddress }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const h = new Headers();
          for (const [name, value] of Object.entries(res.headers)) for (const v of Array.isArray(value) ? value : value ? [value] : []) h.append(name, v);
          resolve(new Response(res.statusCode === 204 || res.statusCode === 304 ? null : Buffer.concat(chunks), { status: res.statusCode ?? 500, headers: h }));
        });
      });
      req.on('error', reject);
      req.end(payload ?? undefined);
    });
  }

  private async land(res: Response, url: string): Promise<Page> {
    let current = res;
    let at = url;
    for (let hops = 0; current.status >= 300 && current.status < 400 && hops < 5; hops++) {
      at = new URL(current.headers.get('location') ?? '/', new URL(at, this.base)).toString();
      current = await this.raw('GET', at);
    }
    const html = await current.text();
    this.last = { status: current.status, url: new URL(at, this.base).pathname + new URL(at, this.base).search, html, text: visibleText(html) };
    return this.last;
  }

  async get(path: string): Promise<Page> {
    return this.land(await this.raw('GET', path), path);
  }

  /** The CSRF token of the last page's (first) form. */
  csrf(): string {
    const m = /name="_csrf" value="([^"]+)"/.exec(this.last?.html ?? '');
    if (!m?.[1]) throw new Error(`no form with a CSRF token on ${this.last?.url}`);
    return m[1];
  }

  /** Posts a form as the page would; `csrf: false` leaves the token out. */
  async post(path: string, fields: Record<string, string | string[]>, opts: { csrf?: string | false } = {}): Promise<Page> {
    const body = new URLSearchParams();
    const token = opts.csrf === false ? null : (opts.csrf ?? this.csrf());
    if (token) body.append('_csrf', token);
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    return this.land(await this.raw('POST', path, body), path);
  }

  async upload(path: string, file: { name: string; type: string; bytes: Buffer }, fields: Record<string, string> = {}): Promise<Page> {
    const form = new FormData();
    form.append('_csrf', this.csrf());
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
    return this.land(await this.raw('POST', path, form), path);
  }
}
