import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { enqueueAtHub } from '../../hub/notify';
import { LoopbackSmtp } from './mailServers';
import { askToNotify, assertNoPhi, hubNotifications, notifyWorld, outbox, replayPushes, restartHub, wsNotifications, type NotifyWorld } from './notifyWorld';

let smtp: LoopbackSmtp;
let world: NotifyWorld | undefined;
const RETRY = { maxAttempts: 3, baseDelayMs: 60_000, maxDelayMs: 3_600_000 };

beforeEach(async () => {
  smtp = new LoopbackSmtp();
  await smtp.start();
});
afterEach(async () => {
  await world?.close();
  world = undefined;
  await smtp.stop();
});

const statusOnWorkstation = async (w: NotifyWorld) => {
  await w.ws.client.syncOnce();
  return wsNotifications(w.ws);
};

describe('email from the hub over SMTP', () => {
  it('a staff request reaches the patient exactly once, in Danish, without PHI, however often the push is replayed; the workstation sees queued, then sent', async () => {
    world = await notifyWorld({ smtpUrl: smtp.url, retry: RETRY });
    const { patient } = world;
    askToNotify(world.ws, { patientId: patient.id, kind: 'newMessage', language: 'da', params: { displayName: 'Nordklinik Portal' } });
    await world.ws.client.syncOnce();
    const replayed = await replayPushes(world);
    expect(replayed[0]?.body).toMatchObject({ results: [{ status: 'alreadyProcessed', result: { status: 'applied' } }] });

    const queued = await statusOnWorkstation(world);
    expect(queued).toEqual([expect.objectContaining({ kind: 'newMessage', channel: 'email', status: 'queued', recipient_masked: 'p***@example.dk', patient_id: patient.id })]);

    await world.t.hub.notify.worker.drain();
    await replayPushes(world);
    await world.t.hub.notify.worker.drain();

    const mail = await smtp.messages();
    expect(mail).toHaveLength(1);
    expect(smtp.received[0]?.rcpt).toEqual(['patient-7@example.dk']);
    const [m] = mail;
    expect(m?.subject).toBe('Der venter en ny besked til dig');
    expect(m?.text).toContain('Der venter en ny besked til dig i Nordklinik Portal. Log ind for at læse den:');
    expect(m?.text).toContain(`${world.t.url}/`);
    expect(assertNoPhi(`${m?.subject}\n${m?.text}`, patient)).toEqual([]);

    const sent = await statusOnWorkstation(world);
    expect(sent).toEqual([expect.objectContaining({ status: 'sent', error: null, recipient_masked: 'p***@example.dk' })]);
    expect(sent[0]?.sent_at).toEqual(expect.any(String));
    // once sent, the hub keeps only the status: no address, no content
    expect(await outbox(world)).toEqual([expect.objectContaining({ status: 'sent', recipient: null, params: null })]);
  });

  it('the patient\'s language picks the template: English for "en"', async () => {
    world = await notifyWorld({ smtpUrl: smtp.url, retry: RETRY });
    askToNotify(world.ws, { patientId: world.patient.id, kind: 'registrationRejected', language: 'en', params: { reason: 'incompleteDetails' } });
    await world.ws.client.syncOnce();
    await world.t.hub.notify.worker.drain();
    const [m] = await smtp.messages();
    expect(m?.subject).toBe('Your registration was not approved');
    expect(m?.text).toContain('Your registration for Patient portal was not approved.');
    expect(m?.text).toContain('Reason: Some of the details we need were missing.');
    expect(assertNoPhi(`${m?.subject}\n${m?.text}`, world.patient)).toEqual([]);
  });

  it('mail queued when the hub stopped is sent once by the worker that starts with the next hub process', async () => {
    world = await notifyWorld({ smtpUrl: smtp.url, retry: RETRY });
    askToNotify(world.ws, { patientId: world.patient.id, kind: 'resultsReady', language: 'da', params: {} });
    await world.ws.client.syncOnce();
    expect(await outbox(world)).toEqual([expect.objectContaining({ status: 'queued', attempts: 0 })]);

    await restartHub(world, { smtpUrl: smtp.url, retry: RETRY, pollMs: 20 });
    const w = world;
    await vi.waitFor(async () => expect((await outbox(w))[0]?.status).toBe('sent'), { timeout: 10_000, interval: 20 });
    await w.t.hub.notify.worker.drain();
    const mail = await smtp.messages();
    expect(mail.map((m) => m.subject)).toEqual(['Dine svar er klar']);
    expect(await statusOnWorkstation(w)).toEqual([expect.objectContaining({ status: 'sent' })]);
  });

  it('a mail server that is down is retried with backoff; when it is back the message goes once, and staff saw the retry', async () => {
    world = await notifyWorld({ smtpUrl: smtp.url, retry: RETRY });
    await smtp.stop();
    askToNotify(world.ws, { patientId: world.patient.id, kind: 'newMessage', language: 'en', params: {} });
    await world.ws.client.syncOnce();

    expect(await world.t.hub.notify.worker.runOnce()).toBe(1);
    const waiting = await statusOnWorkstation(world);
    expect(waiting).toEqual([expect.objectContaining({ status: 'queued', error: 'the mail server could not be reached; trying again (attempt 1 of 3)' })]);
    // nothing is due before the backoff has passed
    expect(await world.t.hub.notify.worker.runOnce()).toBe(0);

    await smtp.start();
    world.clock.advance(RETRY.baseDelayMs);
    await world.t.hub.notify.worker.drain();
    await replayPushes(world);
    await world.t.hub.notify.worker.drain();
    expect(await smtp.messages()).toHaveLength(1);
    expect(await statusOnWorkstation(world)).toEqual([expect.objectContaining({ status: 'sent', error: null })]);
  });

  it('a permanent refusal (550) is a bounce: not retried, shown on the workstation', async () => {
    world = await notifyWorld({ smtpUrl: smtp.url, retry: RETRY });
    smtp.refuse.add('gone@example.dk');
    askToNotify(world.ws, { patientId: world.patient.id, kind: 'resultsReady', language: 'da', params: {}, to: 'gone@example.dk' });
    await world.ws.client.syncOnce();
    await world.t.hub.notify.worker.drain();
    world.clock.advance(RETRY.maxDelayMs);
    expect(await world.t.hub.notify.worker.runOnce()).toBe(0);
    expect(smtp.received).toHaveLength(0);
    expect(await statusOnWorkstation(world)).toEqual([
      expect.objectContaining({ status: 'bounced', error: 'refused by the mail server (550)', recipient_masked: 'g***@example.dk', sent_at: null }),
    ]);
    expect(await outbox(world)).toEqual([expect.objectContaining({ status: 'bounced', attempts: 1, recipient: null, params: null })]);
  });

  it('after the last attempt the message is failed, its content erased, and nothing more is tried', async () => {
    world = await notifyWorld({ smtpUrl: smtp.url, retry: RETRY });
    await smtp.stop();
    askToNotify(world.ws, { patientId: world.patient.id, kind: 'newMessage', language: 'da', params: {} });
    await world.ws.client.syncOnce();
    for (let i = 0; i < RETRY.maxAttempts; i++) {
      expect(await world.t.hub.notify.worker.runOnce()).toBe(1);
      world.clock.advance(RETRY.maxDelayMs);
    }
    expect(await world.t.hub.notify.worker.runOnce()).toBe(0);
    expect(await statusOnWorkstation(world)).toEqual([
      expect.objectContaining({ status: 'failed', error: 'the mail server could not be reached; gave up after 3 attempts' }),
    ]);
    expect(await outbox(world)).toEqual([expect.objectContaining({ status: 'failed', attempts: 3, recipient: null, params: null })]);
  });

  it('hub features queue with enqueueAtHub: the same key twice is one message, and the activation link arrives whole', async () => {
    world = await notifyWorld({ smtpUrl: smtp.url, retry: RETRY });
    const link = `${world.t.url}/activate?token=Zr4_kq9-abc`;
    const req = {
      key: 'activation:token-1', clinicId: world.ws.clinicId, patientId: world.patient.id, kind: 'activation' as const,
      channel: 'email' as const, to: 'patient-7@example.dk', language: 'en' as const, params: { link, hours: 48 },
    };
    const first = await enqueueAtHub(world.t.hub.hub, req);
    const again = await enqueueAtHub(world.t.hub.hub, req);
    expect(again).toEqual({ notificationId: first.notificationId, created: false });
    await world.t.hub.notify.worker.drain();
    const mail = await smtp.messages();
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toBe('Activate your Patient portal account');
    expect(mail[0]?.text).toContain(`${link}\n\nThe link is valid for 48 hours`);
    expect(mail[0]?.messageId).toContain(first.notificationId);
    expect(await hubNotifications(world)).toHaveLength(1);
  });

  it('a request the hub can never send is a visible rejection, and nothing is queued', async () => {
    world = await notifyWorld({ smtpUrl: smtp.url, retry: RETRY });
    askToNotify(world.ws, { patientId: world.patient.id, kind: 'newMessage', language: 'da', params: {}, channel: 'email', to: 'not an address' });
    askToNotify(world.ws, { patientId: world.patient.id, kind: 'registrationRejected', language: 'da', params: {} });
    await world.ws.client.syncOnce();
    const conflicts = world.ws.store.sqlite.prepare("SELECT kind, mutation_name, message FROM sync_conflict WHERE mutation_name = 'notifications.send' ORDER BY mutation_id").all();
    expect(conflicts).toEqual([
      { kind: 'rejected', mutation_name: 'notifications.send', message: 'the email address is not valid' },
      { kind: 'rejected', mutation_name: 'notifications.send', message: expect.stringContaining('the registrationRejected message cannot be sent with these details') },
    ]);
    expect(await outbox(world)).toEqual([]);
    expect(await hubNotifications(world)).toEqual([]);
  });
});
