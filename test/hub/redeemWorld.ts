import { HOUR_MS } from '../../common/time';
import type { HubOptions } from '../../hub/app';
import { entityDb } from '../../hub/sync/changes';
import { createEnrollmentCode } from '../../hub/sync/enroll';
import { createTestApp, type TestApp } from '../helpers/app';
import { TestClock } from '../helpers/clock';
import { portalFixture, type PortalFixture } from '../helpers/issuing';
import { startTestHub, type TestHub } from '../helpers/sync';
import { PatientBrowser, type Page } from './patientBrowser';

/** A study the world made, with the words a patient's page shows for it. */
export interface WorldStudy {
  id: string;
  description: string;
  modality: string;
}

export interface RedeemWorld {
  hub: TestHub;
  t: TestApp;
  f: PortalFixture;
  clinicId: string;
  anna: { id: string; dob: string };
  /** Anna's studies: three with a final report, one preliminary, one final but not validated. */
  s: { ct: WorldStudy; mr: WorldStudy; us: WorldStudy; prelim: WorldStudy; unvalidated: WorldStudy };
  /** Bo's study (another patient). */
  bo: WorldStudy;
  sync(clientId?: string): Promise<void>;
  /** Moves the hub's and the workstation's clocks on; the media session is opened again. */
  advance(ms: number): Promise<void>;
  issue(studies: WorldStudy[]): Promise<{ keyId: string; code: string }>;
  /** A patient's browser; `from` another loopback address, as from another network. */
  browser(lang?: string, from?: string): PatientBrowser;
  /** The access page, then code + date of birth posted from its form. */
  redeem(b: PatientBrowser, code: string, dateOfBirth: string): Promise<Page>;
  usage(keyId: string): Promise<Record<string, unknown> | undefined>;
  hubAudit(action: string): Promise<Array<{ outcome: string; actor: string; entity_id: string | null; detail: string | null; patient_id: string | null; source: string | null }>>;
  close(): Promise<void>;
}

/**
 * A workstation (the real app, createTestApp) enrolled with a real hub on loopback: patient Anna
 * with five studies, Bo with one, media staff `media`, admin `ada`. Everything the RIS made is on
 * the hub after the first sync. `hubOptions` reach createHub (a mail server, for signed-in tests).
 */
export async function redeemWorld(o: { hubOptions?: Partial<HubOptions>; before?: (f: PortalFixture, annaId: string, t: TestApp) => void } = {}): Promise<RedeemWorld> {
  const clock = new TestClock();
  const hub = await startTestHub(undefined, clock, o.hubOptions ?? {});
  const t = await createTestApp();
  const f = portalFixture(t);
  f.setting('portal.enabled', true);
  const dob = '1980-02-03';
  const annaId = f.patient({ mrn: 'M1', given: 'Anna', family: 'Berg', dob });
  const boId = f.patient({ mrn: 'M2', given: 'Bo', family: 'Holm', dob: '1975-05-06' });
  const study = (patientId: string, description: string, modality: string, opts: Parameters<PortalFixture['study']>[1] = {}): WorldStudy => {
    const id = f.study(patientId, opts);
    t.portal.app.store.sqlite.prepare('UPDATE study SET description = ?, modality = ? WHERE id = ?').run(description, modality, id);
    return { id, description, modality };
  };
  const s = {
    ct: study(annaId, 'CT thorax with contrast', 'CT', { date: '2026-11-01' }),
    mr: study(annaId, 'MR knee left', 'MR', { date: '2026-11-10' }),
    us: study(annaId, 'Ultrasound abdomen', 'US', { date: '2026-11-12' }),
    prelim: study(annaId, 'X-ray hand right', 'DX', { report: 'preliminary' }),
    unvalidated: study(annaId, 'Mammography screening', 'MG', { validatedAt: null }),
  };
  const bo = study(boId, 'CT head', 'CT');
  o.before?.(f, annaId, t);
  await t.addStaff('media', ['media_management']);
  await t.addStaff('ada', ['portal_admin']);
  await t.portal.app.sync.enroll(hub.url, await createEnrollmentCode(hub.hub.hub));
  await t.signIn('media');
  await t.value('sync.now', {});
  const world: RedeemWorld = {
    hub, t, f, clinicId: t.clinicId, anna: { id: annaId, dob }, s, bo,
    sync: async (clientId) => void (await t.value('sync.now', {}, clientId)),
    async advance(ms) {
      clock.advance(ms);
      t.clock.advance(ms);
      // a long absence locks the staff session: sign in again, as staff would
      if (ms > HOUR_MS / 4) await t.signIn('media');
    },
    async issue(studies) {
      const r = await t.value('keys.issue', { patientId: annaId, studyIds: studies.map((x) => x.id), identityConfirmed: true });
      await world.sync();
      return { keyId: r.keyId, code: r.code };
    },
    browser: (lang = 'en', from?: string) => new PatientBrowser(hub.url, lang, from),
    async redeem(b, code, dateOfBirth) {
      await b.get(`/c/${t.clinicId}/access`);
      return b.post(`/c/${t.clinicId}/access`, { code, date_of_birth: dateOfBirth });
    },
    usage: async (keyId) =>
      (await entityDb(hub.hub.hub.store.db).selectFrom('e_issued_key_usage').selectAll().where('id', '=', keyId).executeTakeFirst()) as Record<string, unknown> | undefined,
    hubAudit: async (action) =>
      hub.hub.hub.store.db.selectFrom('patient_audit').select(['outcome', 'actor', 'entity_id', 'detail', 'patient_id', 'source']).where('action', '=', action).orderBy('at').orderBy('id').execute(),
    async close() {
      t.close();
      await hub.close();
    },
  };
  return world;
}

/** The rows of the page's results table, each as its cells' text. */
export function tableRows(page: Page): string[][] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(page.html)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...(m[1] ?? '').matchAll(/<td>([\s\S]*?)<\/td>/g)].map((c) => (c[1] ?? '').replace(/&amp;/g, '&').replace(/&#39;/g, "'").trim()));
}

/** The error shown at a form field (its `.error` paragraph), or null. */
export function fieldError(page: Page, name: string): string | null {
  const m = new RegExp(`<p class="error" id="f-${name}-error">([\\s\\S]*?)</p>`).exec(page.html);
  return m?.[1]?.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"') ?? null;
}
