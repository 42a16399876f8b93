import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { afterEach, describe, expect, it } from 'vitest';
import { enqueueAtHub } from '../../hub/notify';
import { askToNotify, notifyWorld, wsNotifications, type NotifyWorld } from './notifyWorld';

let world: NotifyWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** A raw HTTP GET, so the test can set the Host header and proxy headers as a browser or proxy would. */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the demo mail drop (no mail server configured)', () => {
  it('keeps email as .eml files and lists email and SMS on /dev/mail, where a new user can follow the activation link', async () => {
    world = await notifyWorld({});
    const drop = world.t.hub.notify.drop;
    expect(drop).not.toBeNull();
    const link = `${world.t.url}/activate?token=abc&x=1`;
    const { notificationId } = await enqueueAtHub(world.t.hub.hub, {
      key: 'activation:demo', clinicId: world.ws.clinicId, patientId: world.patient.id, kind: 'activation', channel: 'email',
      to: 'patient-7@example.dk', language: 'da', params: { link, hours: 24 },
    });
    askToNotify(world.ws, { patientId: world.patient.id, kind: 'newMessage', channel: 'sms', language: 'en', params: {} });
    await world.ws.client.syncOnce();
    await world.t.hub.notify.worker.drain();

    const eml = join(world.dir, 'mail-drop', `${notificationId}.eml`);
    expect(existsSync(eml)).toBe(true);
    const parsed = await PostalMime.parse(readFileSync(eml));
    expect(parsed.subject).toBe('Aktivér din konto til Patientportal');
    expect(parsed.to?.[0]?.address).toBe('patient-7@example.dk');

    const list = await get(`${world.t.url}/dev/mail?lang=da`);
    expect(list.status).toBe(200);
    expect(list.body).toContain('Postkasse (demo)');
    expect(list.body).toContain('Aktivér din konto til Patientportal');
    expect(list.body).toContain('+4512345678');
    expect(list.body).toContain('Patient portal: a new message is waiting for you.');

    const one = await get(`${world.t.url}/dev/mail/${notificationId}`);
    expect(one.status).toBe(200);
    const escaped = link.replace('&', '&#38;');
    expect(one.body).toContain(`<a href="${escaped}">${escaped}</a>`);

    // both are sent as far as staff can tell: the demo behaves like a real hub
    await world.ws.client.syncOnce();
    expect(wsNotifications(world.ws).map((n) => n.status)).toEqual(['sent', 'sent']);
  });

  it('/dev/mail answers only this computer, asked directly: not another host name, not through a proxy, not another machine', async () => {
    world = await notifyWorld({});
    const { port } = new URL(world.t.url);
    expect((await get(`${world.t.url}/dev/mail`)).status).toBe(200);
    expect((await get(`${world.t.url}/dev/mail`, { host: `localhost:${port}` })).status).toBe(200);
    expect((await get(`${world.t.url}/dev/mail`, { host: `rebound.example:${port}` })).status).toBe(403);
    expect((await get(`${world.t.url}/dev/mail`, { 'x-forwarded-for': '203.0.113.9' })).status).toBe(403);
    const remote = await world.t.hub.app.inject({ method: 'GET', url: '/dev/mail', remoteAddress: '192.0.2.7', headers: { host: `127.0.0.1:${port}` } });
    expect(remote.statusCode).toBe(403);
  });

  it('a hub with a mail server has no mail drop and no /dev/mail', async () => {
    world = await notifyWorld({ smtpUrl: 'smtp://127.0.0.1:9' });
    expect(world.t.hub.notify.drop).toBeNull();
    expect((await get(`${world.t.url}/dev/mail`)).status).toBe(404);
    expect(existsSync(join(world.dir, 'mail-drop'))).toBe(false);
  });
});
