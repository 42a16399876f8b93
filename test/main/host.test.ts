import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../main/host/server';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { tempDir } from '../helpers/tmp';

let t: TestApp;
let host: RunningHost;
const www = tempDir();

beforeAll(async () => {
  t = await createTestApp();
  await t.addStaff('frida', ['front_desk']);
  writeFileSync(join(www.dir, 'index.html'), '<!doctype html><title>Portal Desk</title>');
  host = await startHost(t.portal, { rendererDir: www.dir });
});
afterAll(async () => {
  await host.close();
  t.close();
  www.cleanup();
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${host.port}`, ...opts.headers } },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const json = { 'content-type': 'application/json' };
async function connect(): Promise<string> {
  const r = await send('/api/connect', { method: 'POST', headers: { 'x-portal-token': host.token } });
  return (JSON.parse(r.body) as { clientId: string }).clientId;
}
const callBody = (method: string, input: unknown = {}) => JSON.stringify({ method, input });

describe('the browser host', () => {
  it('listens on 127.0.0.1 only and prints a URL that carries the token in the fragment', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(40);
  });

  it('serves the renderer with a strict CSP', async () => {
    const r = await send('/');
    expect(r.status).toBe(200);
    expect(r.body).toContain('Portal Desk');
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.headers['x-frame-options']).toBe('DENY');
  });

  it('answers an API call with the token and a connected client', async () => {
    const client = await connect();
    const r = await send('/api/call', { method: 'POST', headers: { ...json, 'x-portal-token': host.token, 'x-portal-client': client }, body: callBody('session.state') });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { setup: 'ready' } });
  });

  it('refuses a call without the token', async () => {
    const client = await connect();
    const r = await send('/api/call', { method: 'POST', headers: { ...json, 'x-portal-client': client }, body: callBody('session.state') });
    expect(r.status).toBe(401);
  });

  it('refuses a call with a wrong token, even one of the same length', async () => {
    const client = await connect();
    const wrong = host.token.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    const r = await send('/api/call', { method: 'POST', headers: { ...json, 'x-portal-token': wrong, 'x-portal-client': client }, body: callBody('session.state') });
    expect(r.status).toBe(401);
    expect((await send('/api/connect', { method: 'POST', headers: { 'x-portal-token': wrong } })).status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding), even with the token', async () => {
    const client = await connect();
    for (const h of [`evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`, 'localhost']) {
      const r = await send('/api/call', { method: 'POST', headers: { ...json, host: h, 'x-portal-token': host.token, 'x-portal-client': client }, body: callBody('session.state') });
      expect(r.status, h).toBe(421);
    }
    expect((await send('/', { headers: { host: 'evil.example' } })).status).toBe(421);
  });

  it('refuses a foreign Origin (another site in the same browser), even with the token', async () => {
    const client = await connect();
    for (const origin of ['http://evil.example', `http://127.0.0.1:${host.port + 1}`, 'null']) {
      const r = await send('/api/call', { method: 'POST', headers: { ...json, origin, 'x-portal-token': host.token, 'x-portal-client': client }, body: callBody('session.state') });
      expect(r.status, origin).toBe(403);
    }
    const r = await send('/api/call', { method: 'POST', headers: { ...json, 'sec-fetch-site': 'cross-site', 'x-portal-token': host.token, 'x-portal-client': client }, body: callBody('session.state') });
    expect(r.status).toBe(403);
  });

  it('accepts its own origin', async () => {
    const client = await connect();
    const r = await send('/api/call', { method: 'POST', headers: { ...json, origin: `http://127.0.0.1:${host.port}`, 'x-portal-token': host.token, 'x-portal-client': client }, body: callBody('session.state') });
    expect(r.status).toBe(200);
  });

  it('refuses an unknown client id and a non-JSON body', async () => {
    expect((await send('/api/call', { method: 'POST', headers: { ...json, 'x-portal-token': host.token, 'x-portal-client': 'made-up' }, body: callBody('session.state') })).status).toBe(401);
    const client = await connect();
    expect((await send('/api/call', { method: 'POST', headers: { 'content-type': 'text/plain', 'x-portal-token': host.token, 'x-portal-client': client }, body: callBody('session.state') })).status).toBe(415);
  });

  it('does not serve files outside the renderer', async () => {
    for (const p of ['/%2e%2e/%2e%2e/package.json', '/..%2f..%2fpackage.json', '/%2e%2e%2fetc%2fpasswd']) {
      const r = await send(p);
      expect(r.status, p).toBe(404);
    }
  });

  it('streams events to the client whose session changed', async () => {
    const client = await connect();
    const events: string[] = [];
    const stream = new Promise<void>((resolve) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: '/api/events', headers: { host: `127.0.0.1:${host.port}`, 'x-portal-token': host.token, 'x-portal-client': client } }, (res) => {
        res.on('data', (c: Buffer) => {
          events.push(c.toString());
          if (events.join('').includes('session.changed')) {
            req.destroy();
            resolve();
          }
        });
      });
      req.end();
    });
    await new Promise((r) => setTimeout(r, 50));
    await send('/api/call', { method: 'POST', headers: { ...json, 'x-portal-token': host.token, 'x-portal-client': client }, body: callBody('auth.signIn', { username: 'frida', password: TEST_PASSWORD }) });
    await stream;
    expect(events.join('')).toContain('event: session.changed\ndata: {"reason":"signedIn"}');
  });
});
