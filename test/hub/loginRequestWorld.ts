import type { Email } from 'postal-mime';
import type { Role } from '../../common/permissions';
import type { SettingKey, SettingValue } from '../../common/settings';
import { putSetting } from '../../db/queries/settings';
import { generateClinicData } from '../../db/seed/generate';
import { entityDb } from '../../hub/sync/changes';
import { createEnrollmentCode } from '../../hub/sync/enroll';
import { createTestApp, type TestApp } from '../helpers/app';
import { startTestHub, type TestHub } from '../helpers/sync';
import { LoopbackSmtp } from './mailServers';
import { PatientBrowser } from './patientBrowser';
import { TEST_SCRYPT } from './patientWorld';

/**
 * Issue 7 below the screen: a hub with SMTP on loopback and the DEMO eID, and a founding
 * workstation (the real app, called through its dispatcher) whose clinic has the portal on and
 * front-desk staff; a second workstation of the same clinic joins on request.
 */
export interface Chart {
  id: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  postal_code: string;
  email: string;
}

export interface LoginWorld {
  hub: TestHub;
  smtp: LoopbackSmtp;
  a: TestApp;
  clinicId: string;
  /** Mail the hub sent since the last call (its worker is stepped here). */
  newMail(): Promise<Email[]>;
  /** A second workstation of the clinic, filled from the hub, with the same staff signed in as `username`. */
  join(username: string): Promise<TestApp>;
  /** A patient self-registers on the hub's page; `strong` goes through the DEMO eID step. */
  register(form: Registration): Promise<void>;
  hubRows(entity: string, where?: Record<string, unknown>): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

export interface Registration {
  email: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  postal_code: string;
  mobile?: string;
  language: 'en' | 'da';
  rights: string[];
  verification: 'strong' | 'email';
}

export const registrationOf = (p: Chart, patch: Partial<Registration> = {}): Registration => ({
  email: p.email, given_name: p.given_name, family_name: p.family_name, date_of_birth: p.date_of_birth, postal_code: p.postal_code,
  language: 'en', rights: ['econsultation', 'ebooking'], verification: 'strong', ...patch,
});

/** A patient of the clinic with an email and a postal code (the identity rule needs both). */
export function chartPatient(t: TestApp, skip = 0): Chart {
  return t.portal.app.store.sqlite
    .prepare('SELECT id, given_name, family_name, date_of_birth, postal_code, email FROM patient WHERE email IS NOT NULL AND postal_code IS NOT NULL ORDER BY id LIMIT 1 OFFSET ?')
    .get(skip) as Chart;
}

export async function loginWorld(o: { settings?: { [K in SettingKey]?: SettingValue<K> }; staff?: Array<[string, Role[]]>; setup?: (t: TestApp) => void } = {}): Promise<LoginWorld> {
  const smtp = new LoopbackSmtp();
  await smtp.start();
  const hub = await startTestHub(undefined, undefined, { notify: { smtpUrl: smtp.url, autoStart: false }, patient: { scrypt: TEST_SCRYPT, demoEid: true } });
  const a = await createTestApp();
  const { store } = a.portal.app;
  generateClinicData(store, { seed: 7, patients: 12, clinicId: a.clinicId, now: a.clock.now() });
  const settings = { 'portal.enabled': true, 'portal.displayName': 'Nordklinik Portal', ...o.settings };
  for (const [key, value] of Object.entries(settings)) putSetting(store, key as SettingKey, value as never, null, '2026-11-22T00:00:00.000Z');
  o.setup?.(a);
  for (const [name, roles] of o.staff ?? [['frida', ['front_desk']]]) await a.addStaff(name, roles);
  await a.portal.app.sync.enroll(hub.url, await createEnrollmentCode(hub.hub.hub));
  await a.signIn((o.staff ?? [['frida']])[0]?.[0] ?? 'frida');
  await a.value('sync.now', {});
  let seen = 0;
  const joined: TestApp[] = [];
  return {
    hub, smtp, a, clinicId: a.clinicId,
    async newMail() {
      await hub.hub.notify.worker.drain();
      const all = await smtp.messages();
      const fresh = all.slice(seen);
      seen = all.length;
      return fresh;
    },
    async join(username) {
      const b = await createTestApp();
      const bs = b.portal.app.store;
      // a joining workstation starts empty: the clinic, its staff and its patients come from the hub
      bs.run(bs.k.deleteFrom('clinic'));
      await b.portal.app.sync.enroll(hub.url, await createEnrollmentCode(hub.hub.hub, { clinicId: a.clinicId }));
      await b.portal.app.sync.idle();
      await b.signIn(username);
      joined.push(b);
      return b;
    },
    async register(form) {
      const browser = new PatientBrowser(hub.url, form.language);
      await browser.get(`/c/${a.clinicId}/register`);
      const page = await browser.post(`/c/${a.clinicId}/register`, { ...form, mobile: form.mobile ?? '' });
      if (form.verification === 'strong') {
        if (!page.url.endsWith('/register/eid')) throw new Error(`registration refused: ${page.text.slice(0, 300)}`);
        await browser.post(`/c/${a.clinicId}/register/eid`, { action: 'confirm' });
      }
    },
    async hubRows(entity, where = {}) {
      let q = entityDb(hub.hub.hub.store.db).selectFrom(`e_${entity}`).selectAll().where('clinic_id', '=', a.clinicId);
      for (const [k, v] of Object.entries(where)) q = v === null ? q.where(k, 'is', null) : q.where(k, '=', v);
      return (await q.execute()) as Array<Record<string, unknown>>;
    },
    async close() {
      for (const b of joined) b.close();
      a.close();
      await hub.close();
      await smtp.stop();
    },
  };
}
