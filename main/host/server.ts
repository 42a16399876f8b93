import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { PortalApp } from '../app';
import { CONTENT_SECURITY_POLICY } from '../csp';

export interface HostOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** Fixed token for tests; otherwise a fresh random one per launch. */
  token?: string;
}

export interface RunningHost {
  port: number;
  token: string;
  /** Open this in a browser: the token travels in the fragment, which is never sent to a server. */
  url: string;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

function send(res: ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8'): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type });
  res.end(body);
}

function sameToken(given: string | undefined, expected: Buffer): boolean {
  if (!given) return false;
  const g = Buffer.from(given);
  return g.length === expected.length && timingSafeEqual(g, expected);
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The browser host: the built renderer and the same dispatcher over HTTP, on 127.0.0.1 only.
 * Every API call needs the per-launch token; a foreign Host (DNS rebinding) or Origin
 * (another site in the same browser) is refused before anything else happens.
 */
export async function startHost(portal: PortalApp, opts: HostOptions): Promise<RunningHost> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const tokenBuf = Buffer.from(token);
  const clients = new Set<string>();
  let port = 0;
  const hosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const server = createServer((req, res) => {
    void route(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, JSON.stringify({ error: 'internal' }));
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hosts().has(req.headers.host ?? '')) return send(res, 421, JSON.stringify({ error: 'wrong host' }));
    const origin = req.headers.origin;
    if (origin !== undefined && !origins().has(origin)) return send(res, 403, JSON.stringify({ error: 'foreign origin' }));
    if (req.headers['sec-fetch-site'] === 'cross-site') return send(res, 403, JSON.stringify({ error: 'cross-site request' }));
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

    if (!url.pathname.startsWith('/api/')) return serveStatic(url.pathname, req, res);
    if (!sameToken(req.headers['x-portal-token'] as string | undefined, tokenBuf)) {
      return send(res, 401, JSON.stringify({ error: 'missing or wrong token' }));
    }
    if (url.pathname === '/api/connect' && req.method === 'POST') {
      const clientId = randomBytes(16).toString('base64url');
      clients.add(clientId);
      return send(res, 200, JSON.stringify({ clientId }));
    }
    const clientId = req.headers['x-portal-client'] as string | undefined;
    if (!clientId || !clients.has(clientId)) return send(res, 401, JSON.stringify({ error: 'unknown client' }));

    if (url.pathname === '/api/call' && req.method === 'POST') {
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return send(res, 415, JSON.stringify({ error: 'json only' }));
      }
      const raw = await readBody(req);
      if (raw === null) return send(res, 413, JSON.stringify({ error: 'body too large' }));
      let body: { method?: unknown; input?: unknown };
      try {
        body = JSON.parse(raw) as typeof body;
      } catch {
        return send(res, 400, JSON.stringify({ error: 'malformed json' }));
      }
      if (typeof body.method !== 'string') return send(res, 400, JSON.stringify({ error: 'method missing' }));
      const result = await portal.dispatch({ clientId, transport: 'http' }, body.method, body.input);
      return send(res, 200, JSON.stringify(result));
    }
    if (url.pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      const detach = portal.app.events.attach(clientId, (event, payload) => {
        res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
      });
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 20_000);
      req.on('close', () => {
        clearInterval(keepAlive);
        detach();
      });
      return;
    }
    return send(res, 404, JSON.stringify({ error: 'not found' }));
  }

  async function serveStatic(pathname: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, JSON.stringify({ error: 'method not allowed' }));
    const rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const root = normalize(opts.rendererDir + sep);
    const file = normalize(join(root, rel));
    if (!file.startsWith(root)) return send(res, 404, 'not found', 'text/plain');
    try {
      const data = await readFile(file);
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(req.method === 'HEAD' ? undefined : data);
    } catch {
      send(res, 404, 'not found', 'text/plain');
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
