import type { Email } from 'postal-mime';
import { newId } from '../../common/ids';
import { pickSynced } from '../../common/sync/entities';
import { toTimestamp } from '../../common/time';
import type { SettingKey, SettingValue } from '../../common/settings';
import { runCommand } from '../../db/command';
import { putSetting } from '../../db/queries/settings';
import { insertStaff } from '../../db/queries/staff';
import type { Hub } from '../../hub/app';
import { sendAccountLink, type AccountLinkPurpose } from '../../hub/patient/tokens';
import { writeAtHub } from '../../hub/sync/changes';
import { TestClock } from '../helpers/clock';
import { editPatient, foundingWorkstation, startTestHub, type TestHub, type Workstation } from '../helpers/sync';
import { LoopbackSmsGateway, LoopbackSmtp } from './mailServers';
import { PatientBrowser } from './patientBrowser';

/** Cheap scrypt for tests: the hub's cost is a parameter, the checks are the same. */
export const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };
export const GOOD_PASSWORD = 'lilac harbour telescope';

export interface PatientFixture {
  id: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  postal_code: string;
  email: string;
  accountId: string;
  username: string;
}

export interface PatientWorld {
  t: TestHub;
  hub: Hub;
  smtp: LoopbackSmtp;
  sms: LoopbackSmsGateway;
  clock: TestClock;
  ws: Workstation & { clinicId: string };
  clinicId: string;
  patient: PatientFixture;
  staffId: string;
  browser(lang?: string): PatientBrowser;
  /** Runs the delivery worker and returns the mail received since the last call. */
  newMail(): Promise<Email[]>;
  close(): Promise<void>;
}

const actor = { staffId: null, workstationId: 'test' };

/** Clinic settings written at the workstation and pushed to the hub, as an admin's save would. */
export async function setClinicSettings(w: Pick<PatientWorld, 'ws'>, values: { [K in SettingKey]?: SettingValue<K> }): Promise<void> {
  runCommand({ store: w.ws.store, actor, clock: w.ws.clock }, {
    run: (c) => {
      const rows = Object.entries(values).map(([k, v]) => pickSynced('setting', putSetting(c.store, k as SettingKey, v as never, null, c.now)));
      c.mutate('rows.put', { put: { setting: rows } });
    },
    audit: { action: 'settings.test' },
  });
  await w.ws.client.syncOnce();
}

/** A portal account as the portal form (issue 5) will make it, pushed with rows.put. */
export async function putAccount(w: Pick<PatientWorld, 'ws'>, row: Record<string, unknown>): Promise<void> {
  runCommand({ store: w.ws.store, actor, clock: w.ws.clock }, {
    run: (c) => {
      const now = c.now;
      const full = { right_econsultation: 0, right_ebooking: 0, right_eprescription: 0, wants_electronic_reply: 0, access_enabled: 1, created_by: null,
        created_at: now, updated_at: now, version: 0, deleted_at: null, ...row, clinic_id: (c.store.sqlite.prepare('SELECT id FROM clinic').get() as { id: string }).id };
      const cols = Object.keys(full);
      c.store.sqlite.prepare(`INSERT INTO portal_account (${cols.join(', ')}) VALUES (${cols.map((k) => `@${k}`).join(', ')})
        ON CONFLICT(id) DO UPDATE SET ${cols.filter((k) => k !== 'id' && k !== 'version').map((k) => `${k} = excluded.${k}`).join(', ')}`).run(full);
      const stored = c.store.sqlite.prepare('SELECT * FROM portal_account WHERE id = ?').get(row.id) as Record<string, unknown>;
      c.mutate('rows.put', { put: { portal_account: [pickSynced('portal_account', stored)] } });
    },
    audit: { action: 'portal.test' },
  });
  await w.ws.client.syncOnce();
}

/** What issue 5's mutation handler will do: issue a link and queue the email, in one hub transaction. */
export async function sendLink(w: PatientWorld, purpose: AccountLinkPurpose, accountId = w.patient.accountId, language: 'en' | 'da' = 'en') {
  const now = toTimestamp(w.clock.now());
  return writeAtHub(w.hub.hub, (changes, trx) => sendAccountLink({ trx, changes, now, publicUrl: w.hub.hub.publicUrl }, { key: `test:${newId()}`, accountId, purpose, language }));
}

export const linkIn = (mail: Email | undefined) => /https?:\/\/\S+token=[A-Za-z0-9_-]+/.exec(mail?.text ?? '')?.[0] ?? '';
export const codeIn = (mail: Email | undefined) => /\b(\d{6})\b/.exec(mail?.text ?? '')?.[1] ?? '';

/**
 * A hub (SMTP on loopback, its worker stepped by the test) and a founding workstation whose clinic
 * has the portal on, one patient with an email and a portal account (rights as given), and a
 * portal-authorised staff member.
 */
export async function patientWorld(o: { rights?: Array<'econsultation' | 'ebooking' | 'eprescription'>; demoEid?: boolean } = {}): Promise<PatientWorld> {
  const smtp = new LoopbackSmtp();
  await smtp.start();
  const sms = new LoopbackSmsGateway();
  await sms.start();
  const clock = new TestClock();
  const t = await startTestHub(undefined, clock, { notify: { smtpUrl: smtp.url, smsUrl: sms.url, autoStart: false }, patient: { scrypt: TEST_SCRYPT, demoEid: o.demoEid ?? false } });
  const ws = await foundingWorkstation(t, 5);
  const p = ws.store.sqlite.prepare('SELECT id, given_name, family_name, date_of_birth, postal_code FROM patient ORDER BY id LIMIT 1').get() as Omit<PatientFixture, 'email' | 'accountId' | 'username'>;
  const email = 'anna.patient@example.dk';
  editPatient(ws, p.id, { email, mobile: '+45 12 34 56 78', postal_code: p.postal_code ?? '8000' });
  const staffId = newId();
  runCommand({ store: ws.store, actor, clock: ws.clock }, {
    run: (c) => {
      const row = { id: staffId, clinic_id: ws.clinicId, username: 'doctor', display_name: 'Dr. Dorte Dahl', password_hash: 'x', must_change_password: 0, disabled: 0,
        portal_authorised: 1, roles: 'front_desk', failed_attempts: 0, throttle_until: null, locked_at: null, last_sign_in_at: null, created_at: c.now, updated_at: c.now, version: 0, deleted_at: null };
      insertStaff(c.store, row, ['front_desk']);
      c.mutate('rows.put', { put: { staff_user: [pickSynced('staff_user', row)] } });
    },
    audit: { action: 'staff.test' },
  });
  const world: PatientWorld = {
    t, hub: t.hub, smtp, sms, clock, ws, clinicId: ws.clinicId, staffId,
    patient: { ...p, postal_code: p.postal_code ?? '8000', email, accountId: newId(), username: 'anna.patient' },
    browser: (lang = 'en') => new PatientBrowser(t.url, lang),
    async newMail() {
      await t.hub.notify.worker.drain();
      const all = await smtp.messages();
      const fresh = all.slice(seen);
      seen = all.length;
      return fresh;
    },
    async close() {
      ws.close();
      await t.close();
      await smtp.stop();
      await sms.stop();
    },
  };
  let seen = 0;
  await setClinicSettings(world, { 'portal.enabled': true, 'portal.displayName': 'Nordklinik Portal' });
  const rights = o.rights ?? ['econsultation', 'ebooking'];
  await putAccount(world, {
    id: world.patient.accountId, patient_id: p.id, username: world.patient.username, email,
    right_econsultation: rights.includes('econsultation') ? 1 : 0, right_ebooking: rights.includes('ebooking') ? 1 : 0, right_eprescription: rights.includes('eprescription') ? 1 : 0,
  });
  return world;
}

/** Activation by the emailed link: the account gets GOOD_PASSWORD and the browser is signed in. */
export async function activate(w: PatientWorld, b: PatientBrowser, password = GOOD_PASSWORD) {
  await sendLink(w, 'activation');
  const [mail] = await w.newMail();
  const link = linkIn(mail);
  await b.get(link);
  return b.post(`/c/${w.clinicId}/activate`, { token: new URL(link).searchParams.get('token') ?? '', password, repeat: password });
}

/** Password, then the one-time code from the mail: returns the page the sign-in lands on. */
export async function signIn(w: PatientWorld, b: PatientBrowser, identifier = w.patient.username, password = GOOD_PASSWORD) {
  await b.get(`/c/${w.clinicId}`);
  const afterPassword = await b.post(`/c/${w.clinicId}/signin`, { identifier, password });
  if (!afterPassword.url.endsWith('/code')) return afterPassword;
  const [mail] = await w.newMail();
  return b.post(`/c/${w.clinicId}/code`, { code: codeIn(mail) });
}
