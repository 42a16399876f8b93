import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../common/ids';
import { PORTAL_GROUPS } from '../../common/rules/portalStatus';
import { openStore } from '../../db/init';
import { writePatient } from '../../db/queries/patients';
import { accountState, latestFormer, liveAccount, statusOf } from '../../db/queries/portal';
import { COUNT_CAP, onboardingPage } from '../../db/queries/portalOnboarding';
import { generateClinicData } from '../../db/seed/generate';
import type { Store } from '../../db/store';
import { tempDir } from '../helpers/tmp';

const NOW = '2026-11-22T09:00:00.000Z';
const PAST = '2026-11-01T09:00:00.000Z';
const FUTURE = '2026-12-01T09:00:00.000Z';
let store: Store;
const tmp = tempDir();
let clinicId: string;

beforeAll(() => {
  store = openStore(join(tmp.dir, 'onboarding.db'));
  clinicId = newId();
  store.run(store.k.insertInto('clinic').values({ id: clinicId, name: 'C', created_at: NOW, version: 0, deleted_at: null }));
});
afterAll(() => {
  store.close();
  tmp.cleanup();
});

type AccountCase = 'none' | 'former' | { enabled: 0 | 1; invited: boolean; clinicActivated: boolean; temp: 'none' | 'valid' | 'expired' };
type StateCase = 'none' | 'invited' | 'active' | 'lockedActive' | 'lockedInvited';

function accountCases(): AccountCase[] {
  const out: AccountCase[] = ['none', 'former'];
  for (const enabled of [0, 1] as const)
    for (const invited of [false, true])
      for (const clinicActivated of [false, true])
        for (const temp of ['none', 'valid', 'expired'] as const) out.push({ enabled, invited, clinicActivated, temp });
  return out;
}

let mrn = 0;
function addPatient(email: string | null, postal: string | null, a: AccountCase, s: StateCase): string {
  const id = newId();
  writePatient(store, {
    id, clinic_id: clinicId, mrn: `Q${String(++mrn).padStart(6, '0')}`, given_name: 'Ida', family_name: 'Test', date_of_birth: '1980-01-01',
    sex: 'F', email, mobile: null, postal_code: postal, address_line: null, city: null, created_at: PAST, updated_at: PAST, version: 0, deleted_at: null,
  });
  if (a === 'none') return id;
  const accountId = newId();
  store.run(store.k.insertInto('portal_account').values({
    id: accountId, clinic_id: clinicId, patient_id: id, username: a === 'former' ? null : `u${mrn}`, email,
    right_econsultation: 1, right_ebooking: 0, right_eprescription: 0, wants_electronic_reply: 0,
    access_enabled: a === 'former' ? 1 : a.enabled, created_by: null, created_at: PAST, updated_at: PAST, version: 0,
    deleted_at: a === 'former' ? PAST : null,
    invitation_requested_at: a !== 'former' && a.invited ? PAST : null, reset_requested_at: null, unlock_requested_at: null,
    activated_by_clinic_at: a !== 'former' && a.clinicActivated ? PAST : null,
    temp_password_hash: a !== 'former' && a.temp !== 'none' ? 'scrypt$x' : null,
    temp_password_expires_at: a !== 'former' && a.temp !== 'none' ? (a.temp === 'valid' ? FUTURE : PAST) : null,
    must_change_password: 0, updated_by: null,
  }));
  if (a === 'former') {
    store.run(store.k.insertInto('portal_former_account').values({
      id: newId(), clinic_id: clinicId, patient_id: id, account_id: accountId, username: null, email, right_econsultation: 1, right_ebooking: 0,
      right_eprescription: 0, wants_electronic_reply: 0, account_created_at: PAST, removed_at: PAST, removed_by: null, returned_at: null, version: 0, deleted_at: null,
    }));
  }
  if (s !== 'none') {
    store.run(store.k.insertInto('portal_account_state').values({
      id: newId(), clinic_id: clinicId, account_id: accountId, status: s.startsWith('locked') ? 'locked' : s === 'active' ? 'active' : 'invited',
      invited_at: PAST, activated_at: s === 'active' || s === 'lockedActive' ? PAST : null, last_sign_in_at: null, failed_attempts: 0,
      locked_at: s.startsWith('locked') ? PAST : null, version: 1, deleted_at: null,
    }));
  }
  return id;
}

describe('the onboarding filter in SQL', () => {
  it('puts every combination of facts in the same colour group as the status rule', () => {
    const ids: string[] = [];
    store.tx(() => {
      for (const email of [null, '', 'ida@example.dk'])
        for (const postal of [null, '', '8000'])
          for (const a of accountCases())
            for (const s of (a === 'none' ? ['none'] : ['none', 'invited', 'active', 'lockedActive', 'lockedInvited']) as StateCase[]) {
              ids.push(addPatient(email, postal, a, s));
            }
    });
    expect(ids.length).toBe(9 * (1 + 25 * 5));
    for (const portalEnabled of [true, false]) {
      const expected = new Map<string, string[]>(PORTAL_GROUPS.map((g) => [g, []]));
      for (const id of ids) {
        const p = store.first(store.k.selectFrom('patient').select(['email', 'postal_code']).where('id', '=', id));
        const account = liveAccount(store, id);
        const status = statusOf(portalEnabled, p as never, account, account ? accountState(store, account.id) : undefined, !!latestFormer(store, id), NOW);
        expected.get(status.group)?.push(id);
      }
      for (const g of PORTAL_GROUPS) {
        const page = onboardingPage(store, { groups: [g], limit: 5000 }, NOW, portalEnabled);
        const want = expected.get(g) ?? [];
        expect(page.rows.map((r) => r.id).sort()).toEqual(want.sort());
        expect([page.total, page.capped]).toEqual([Math.min(want.length, COUNT_CAP), want.length > COUNT_CAP]);
      }
      if (portalEnabled) for (const g of PORTAL_GROUPS) expect(expected.get(g)?.length).toBeGreaterThan(0);
    }
  });

  it('filters on email, username and a study after a date, and pages in MRN order both ways', () => {
    generateClinicData(store, { seed: 5, patients: 120, clinicId, now: Date.parse(NOW) });
    const all = onboardingPage(store, { groups: [], limit: 100_000 }, NOW, true).rows;
    const after = '2026-06-01';
    const studied = new Set(store.all(store.k.selectFrom('study').select('patient_id').where('study_date', '>=', after)).map((r) => r.patient_id));
    const hasEmail = (r: (typeof all)[number]) => !!r.email && r.email.trim() !== '';
    const want = all.filter((r) => hasEmail(r) && !r.account?.username && studied.has(r.id)).map((r) => r.id);
    const got = onboardingPage(store, { groups: [], hasEmail: true, hasUsername: false, studyAfter: after, limit: 100_000 }, NOW, true);
    expect(got.rows.map((r) => r.id)).toEqual(want);
    expect(want.length).toBeGreaterThan(5);
    const withUsername = onboardingPage(store, { groups: [], hasUsername: true, limit: 100_000 }, NOW, true);
    expect(withUsername.rows.map((r) => r.id)).toEqual(all.filter((r) => r.account?.username).map((r) => r.id));

    const first = onboardingPage(store, { groups: [], limit: 10 }, NOW, true);
    const cursor = (r: (typeof all)[number] | undefined) => ({ mrn: r?.mrn ?? '', id: r?.id ?? '' });
    const second = onboardingPage(store, { groups: [], after: cursor(first.rows.at(-1)), limit: 10 }, NOW, true);
    expect(second.rows.map((r) => r.id)).toEqual(all.slice(10, 20).map((r) => r.id));
    expect(second.hasMore).toBe(true);
    const back = onboardingPage(store, { groups: [], before: cursor(second.rows[0]), limit: 10 }, NOW, true);
    expect(back.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(back.hasMore).toBe(false);
    const last = onboardingPage(store, { groups: [], after: cursor(all.at(-3)), limit: 10 }, NOW, true);
    expect([last.rows.length, last.hasMore]).toEqual([2, false]);
    expect([...all.map((r) => r.mrn)].sort()).toEqual(all.map((r) => r.mrn));
    // more than the cap: counted as "1,000+"
    expect(all.length).toBeGreaterThan(COUNT_CAP);
    expect([first.total, first.capped]).toEqual([COUNT_CAP, true]);
  });
});
