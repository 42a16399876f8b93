import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../db/command';
import { credentialOf } from '../../main/sync/enroll';
import { foundingWorkstation } from '../helpers/sync';
import { activate, patientWorld, type PatientWorld } from './patientWorld';

let w: PatientWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

const rows = (world: PatientWorld, table: string) => world.ws.store.sqlite.prepare(`SELECT * FROM ${table} ORDER BY created_at`).all() as Array<Record<string, unknown>>;
const bearer = (store: Parameters<typeof credentialOf>[0]) => {
  const c = credentialOf(store);
  return `Bearer ${c?.clientId}.${c?.secret}`;
};
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x20), Buffer.from('\n%%EOF\n')]);

describe('what a signed-in patient sends reaches the clinic', () => {
  it('a result request, a message, an appointment request and a document arrive at the workstation by sync, and show in the patient\'s history', async () => {
    w = await patientWorld({ rights: ['econsultation', 'ebooking'] });
    const b = w.browser();
    await activate(w, b);
    const c = `/c/${w.clinicId}`;

    await b.get(`${c}/results`);
    expect((await b.post(`${c}/results`, { message: 'The MR of my knee, please' })).text).toContain('Your request for results has been sent to the clinic.');

    const messageForm = await b.get(`${c}/messages/new`);
    expect(messageForm.text).toContain('Dr. Dorte Dahl');
    const missing = await b.post(`${c}/messages/new`, { staff_id: '', subject: '', body: 'hello' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('Choose who should receive your message.');
    expect(missing.text).toContain('Fill in this field.');
    expect(missing.html).toContain('>hello</textarea>');
    await b.post(`${c}/messages/new`, { staff_id: w.staffId, subject: 'Knee pain', body: 'It hurts when I climb stairs.' });

    await b.get(`${c}/appointments/new`);
    const past = await b.post(`${c}/appointments/new`, { date: '2026-11-01', time: '25:00', reason: 'Check-up' });
    expect(past.text).toContain('Choose today or a later date.');
    expect(past.text).toContain('Enter a time such as 09:30.');
    await b.post(`${c}/appointments/new`, { date: '2026-12-03', time: '09:30', reason: 'Check-up' });

    await b.get(`${c}/documents/new`);
    const notAllowed = await b.upload(`${c}/documents/new`, { name: 'notes.txt', type: 'application/pdf', bytes: Buffer.from('just text, not a PDF') });
    expect(notAllowed.status).toBe(400);
    expect(notAllowed.text).toContain('Only PDF, JPEG and PNG files can be sent.');
    const sent = await b.upload(`${c}/documents/new`, { name: 'C:\\Users\\anna\\referral.pdf', type: 'application/pdf', bytes: PDF }, { description: 'Referral' });
    expect(sent.text).toContain('Your document has been sent.');

    const history = await b.get(`${c}/history`);
    for (const item of ['Results', 'Message to Dr. Dorte Dahl', 'Appointment on 3 December 2026', 'Document: referral.pdf']) expect(history.text).toContain(item);

    await w.ws.client.syncOnce();
    const base = { clinic_id: w.clinicId, account_id: w.patient.accountId, patient_id: w.patient.id, status: 'new', handled_by: null, version: expect.any(Number) };
    expect(rows(w, 'result_request')).toEqual([expect.objectContaining({ ...base, message: 'The MR of my knee, please' })]);
    expect(rows(w, 'patient_message')).toEqual([expect.objectContaining({ ...base, staff_id: w.staffId, staff_name: 'Dr. Dorte Dahl', subject: 'Knee pain', body: 'It hurts when I climb stairs.' })]);
    expect(rows(w, 'appointment_request')).toEqual([expect.objectContaining({ ...base, wished_date: '2026-12-03', wished_time: '09:30', reason: 'Check-up' })]);
    const [doc] = rows(w, 'patient_document');
    expect(doc).toEqual(expect.objectContaining({
      ...base, file_name: 'referral.pdf', content_type: 'application/pdf', size_bytes: PDF.length, description: 'Referral',
      sha256: createHash('sha256').update(PDF).digest('hex'),
    }));

    // staff handle the result request at the workstation: the patient's history follows
    const request = rows(w, 'result_request')[0] as { id: string; version: number };
    runCommand({ store: w.ws.store, actor: { staffId: null, workstationId: 'test' }, clock: w.ws.clock }, {
      run: (cmd) => cmd.mutate('requests.handle', { id: request.id, baseVersion: request.version, status: 'handled' }),
      audit: { action: 'request.handle' },
    });
    await w.ws.client.syncOnce();
    expect((await b.get(`${c}/history`)).text).toMatch(/Results Handled/);
    const audited = await w.hub.hub.store.db.selectFrom('patient_audit').select(['action', 'account_id', 'detail']).where('action', 'like', 'request.%').orderBy('at').execute();
    expect(audited.map((a) => a.action).sort()).toEqual(['request.appointment', 'request.document', 'request.message', 'request.results']);
    expect(JSON.stringify(audited)).not.toContain('stairs');
  });

  it('the workstation fetches a document\'s content with its credential (audited); another clinic and an anonymous caller cannot', async () => {
    w = await patientWorld();
    const b = w.browser();
    await activate(w, b);
    await b.get(`/c/${w.clinicId}/documents/new`);
    await b.upload(`/c/${w.clinicId}/documents/new`, { name: 'scan.pdf', type: 'application/pdf', bytes: PDF });
    await w.ws.client.syncOnce();
    const [doc] = rows(w, 'patient_document') as Array<{ id: string }>;
    const url = `${w.t.url}/sync/v1/documents/${doc?.id}`;

    const res = await fetch(url, { headers: { authorization: bearer(w.ws.store) } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''scan.pdf");
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);

    expect((await fetch(url)).status).toBe(401);
    const other = await foundingWorkstation(w.t, 1, 7);
    try {
      expect((await fetch(url, { headers: { authorization: bearer(other.store) } })).status).toBe(404);
    } finally {
      other.close();
    }
    const fetches = await w.hub.hub.store.db.selectFrom('patient_audit').selectAll().where('action', '=', 'document.fetch').orderBy('at').execute();
    expect(fetches.map((f) => [f.outcome, f.actor.startsWith('workstation:'), f.entity_id])).toEqual([['ok', true, doc?.id], ['refused', true, doc?.id]]);
    expect(fetches[0]?.patient_id).toBe(w.patient.id);
  });

  it('a document over 10 MB is refused at the field, and nothing is stored', async () => {
    w = await patientWorld();
    const b = w.browser();
    await activate(w, b);
    await b.get(`/c/${w.clinicId}/documents/new`);
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 + 1, 0x20)]);
    const page = await b.upload(`/c/${w.clinicId}/documents/new`, { name: 'big.pdf', type: 'application/pdf', bytes: big });
    expect(page.status).toBe(413);
    expect(page.text).toContain('The file is too large: at most 10 MB.');
    expect(await w.hub.hub.store.db.selectFrom('document_content').select('document_id').execute()).toEqual([]);
  });
});
