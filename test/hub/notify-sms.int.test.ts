import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { editPatient } from '../helpers/sync';
import { LoopbackSmsGateway } from './mailServers';
import { askToNotify, assertNoPhi, hubNotifications, notifyWorld, outbox, replayPushes, wsNotifications, type NotifyWorld } from './notifyWorld';

let gateway: LoopbackSmsGateway;
let world: NotifyWorld | undefined;
const RETRY = { maxAttempts: 3, baseDelayMs: 60_000, maxDelayMs: 3_600_000 };

beforeEach(async () => {
  gateway = new LoopbackSmsGateway();
  await gateway.start();
});
afterEach(async () => {
  await world?.close();
  world = undefined;
  await gateway.stop();
});

const synced = async (w: NotifyWorld) => {
  await w.ws.client.syncOnce();
  return wsNotifications(w.ws);
};

describe('SMS from the hub through the HTTP gateway adapter', () => {
  it('one SMS per request, however often the push is replayed, with the API key and the notification as idempotency key; status synced back', async () => {
    world = await notifyWorld({ smsUrl: gateway.url, smsKey: 'gw-key-123', retry: RETRY });
    askToNotify(world.ws, { patientId: world.patient.id, kind: 'newMessage', channel: 'sms', language: 'da', params: {} });
    await world.ws.client.syncOnce();
    await replayPushes(world);
    expect(await synced(world)).toEqual([expect.objectContaining({ channel: 'sms', status: 'queued', recipient_masked: '+45 ** ** 56 78' })]);

    await world.t.hub.notify.worker.drain();
    await replayPushes(world);
    await world.t.hub.notify.worker.drain();

    expect(gateway.requests).toHaveLength(1);
    const [sms] = gateway.requests;
    const [row] = await hubNotifications(world);
    expect(sms?.headers['x-api-key']).toBe('gw-key-123');
    expect(sms?.headers['idempotency-key']).toBe(row?.id);
    expect(sms?.body).toEqual({ to: '+4512345678', reference: row?.id, text: expect.stringContaining('der venter en ny besked til dig. Log ind for at læse den') });
    expect(assertNoPhi(sms?.body.text ?? '', world.patient)).toEqual([]);
    expect(await synced(world)).toEqual([expect.objectContaining({ status: 'sent', error: null })]);
  });

  it('a patient with no email address on file gets an SMS when staff leave the channel to the hub', async () => {
    world = await notifyWorld({ smsUrl: gateway.url, retry: RETRY });
    editPatient(world.ws, world.patient.id, { email: null });
    askToNotify(world.ws, { patientId: world.patient.id, kind: 'resultsReady', language: 'en', params: {} });
    await world.ws.client.syncOnce();
    await world.t.hub.notify.worker.drain();
    expect(gateway.accepted.map((r) => r.body.text)).toEqual([expect.stringContaining('Patient portal: your results are ready.')]);
    expect(await synced(world)).toEqual([expect.objectContaining({ channel: 'sms', status: 'sent' })]);
  });

  it('a gateway that answers 503 is asked again after the backoff with the same idempotency key; one SMS is accepted', async () => {
    world = await notifyWorld({ smsUrl: gateway.url, retry: RETRY });
    gateway.answers.push(503);
    askToNotify(world.ws, { patientId: world.patient.id, kind: 'newMessage', channel: 'sms', language: 'en', params: {} });
    await world.ws.client.syncOnce();
    await world.t.hub.notify.worker.drain();
    expect(await synced(world)).toEqual([expect.objectContaining({ status: 'queued', error: 'the SMS gateway did not accept the message (503); trying again (attempt 1 of 3)' })]);
    world.clock.advance(RETRY.baseDelayMs);
    await world.t.hub.notify.worker.drain();
    expect(gateway.requests.map((r) => r.answered)).toEqual([503, 200]);
    expect(new Set(gateway.requests.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    expect(gateway.accepted).toHaveLength(1);
    expect(await synced(world)).toEqual([expect.objectContaining({ status: 'sent', error: null })]);
  });

  it('a number the gateway refuses for good (422) is bounced, not retried', async () => {
    world = await notifyWorld({ smsUrl: gateway.url, retry: RETRY });
    gateway.answers.push(422);
    askToNotify(world.ws, { patientId: world.patient.id, kind: 'newMessage', channel: 'sms', to: '+45 99 99 99 99', language: 'en', params: {} });
    await world.ws.client.syncOnce();
    await world.t.hub.notify.worker.drain();
    world.clock.advance(RETRY.maxDelayMs);
    await world.t.hub.notify.worker.drain();
    expect(gateway.requests).toHaveLength(1);
    expect(await synced(world)).toEqual([expect.objectContaining({ status: 'bounced', error: 'refused by the SMS gateway (422)', recipient_masked: '+45 ** ** 99 99' })]);
  });

  it('a hub with a mail server but no SMS gateway fails an SMS at once, saying why', async () => {
    world = await notifyWorld({ smtpUrl: 'smtp://127.0.0.1:9', retry: RETRY });
    askToNotify(world.ws, { patientId: world.patient.id, kind: 'newMessage', channel: 'sms', language: 'da', params: {} });
    await world.ws.client.syncOnce();
    await world.t.hub.notify.worker.drain();
    expect(await synced(world)).toEqual([expect.objectContaining({ status: 'failed', error: 'no SMS gateway is configured on the hub' })]);
    expect(await outbox(world)).toEqual([expect.objectContaining({ attempts: 1, recipient: null, params: null })]);
    expect(gateway.requests).toHaveLength(0);
  });
});
