import { createHash } from 'node:crypto';
import { v7 } from 'uuid';
import { suggestUsername } from '../../common/rules/username';
import { DAY_MS, HOUR_MS, toTimestamp } from '../../common/time';
import { rightColumns, usernameTaken, type PortalAccountRow, type PortalStateRow } from '../queries/portal';
import { putSetting } from '../queries/settings';
import type { Store } from '../store';

export type DemoPortalCase =
  | 'active'
  | 'sharedEmail'
  | 'invited'
  | 'notInvited'
  | 'locked'
  | 'disabled'
  | 'noPostalCode'
  | 'tempPassword'
  | 'deleted';

interface Candidate {
  id: string;
  clinic_id: string;
  given_name: string;
  family_name: string;
  email: string | null;
  postal_code: string | null;
}

/** Which demo patients get which case, in MRN order: every status colour shows in the demo. */
const PLAN: ReadonlyArray<{ kind: DemoPortalCase; count: number; needs: 'email' | 'noEmail' | 'noPostal' }> = [
  { kind: 'active', count: 4, needs: 'email' },
  { kind: 'sharedEmail', count: 2, needs: 'email' },
  { kind: 'invited', count: 3, needs: 'email' },
  { kind: 'notInvited', count: 2, needs: 'email' },
  { kind: 'locked', count: 1, needs: 'email' },
  { kind: 'disabled', count: 1, needs: 'email' },
  { kind: 'noPostalCode', count: 1, needs: 'noPostal' },
  { kind: 'tempPassword', count: 1, needs: 'noEmail' },
  { kind: 'deleted', count: 1, needs: 'email' },
];

/** Looks like an scrypt hash but is no password's: nobody can sign in with the demo's temporary password. */
const UNUSABLE_HASH = `scrypt$16384$8$1$ZGVtby1zYWx0$${createHash('sha256').update('portal-desk demo: no password').digest('base64')}`;

/**
 * Gives demo patients portal accounts in every status, with the hub's state rows as a sync
 * would have brought them. Deterministic for the same patients and `now`. Patients it does not
 * pick keep no account (Inactive: access not enabled).
 */
export function seedPortalDemo(store: Store, opts: { now: number; staffId?: string | null }): Record<DemoPortalCase, string[]> {
  let counter = 0;
  const id = (ms: number) => v7({ msecs: ms, random: Uint8Array.from({ length: 16 }, (_, i) => (counter * 31 + i * 7) & 255), seq: counter++ });
  const at = (daysAgo: number, hours = 0) => toTimestamp(opts.now - daysAgo * DAY_MS - hours * HOUR_MS);
  const byMrn = store.all(
    store.k.selectFrom('patient').select(['id', 'clinic_id', 'given_name', 'family_name', 'email', 'postal_code'])
      .where('deleted_at', 'is', null).orderBy('mrn'),
  ) as Candidate[];
  // every tenth patient first, so the accounts spread over the whole list
  const patients = [...byMrn.keys()].sort((a, b) => (a % 10) - (b % 10) || a - b).map((i) => byMrn[i] as Candidate);
  const used = new Set<string>();
  const take = (needs: 'email' | 'noEmail' | 'noPostal'): Candidate | undefined => {
    const p = patients.find((c) => {
      if (used.has(c.id)) return false;
      if (needs === 'noPostal') return !!c.email && !c.postal_code;
      if (needs === 'noEmail') return !c.email && !!c.postal_code;
      return !!c.email && !!c.postal_code;
    });
    if (p) used.add(p.id);
    return p;
  };
  const out = Object.fromEntries(PLAN.map((p) => [p.kind, [] as string[]])) as Record<DemoPortalCase, string[]>;

  for (const step of PLAN) {
    for (let n = 0; n < step.count; n++) {
      const p = take(step.needs);
      if (!p) continue;
      const created = at(40 + counter);
      const kind = step.kind;
      if (kind === 'sharedEmail' && out.sharedEmail.length === 1) {
        const first = store.first(store.k.selectFrom('patient').select('email').where('id', '=', out.sharedEmail[0] as string));
        store.run(store.k.updateTable('patient').set({ email: first?.email ?? p.email }).where('id', '=', p.id));
        p.email = first?.email ?? p.email;
      }
      const needsUsername = kind === 'sharedEmail' || kind === 'tempPassword' || kind === 'active';
      const account: PortalAccountRow = {
        id: id(Date.parse(created)),
        clinic_id: p.clinic_id,
        patient_id: p.id,
        username: needsUsername ? suggestUsername(p.given_name, p.family_name, (u) => usernameTaken(store, u)) : null,
        email: p.email,
        ...rightColumns(n % 2 === 0 ? ['econsultation', 'ebooking', 'eprescription'] : ['econsultation', 'eprescription']),
        wants_electronic_reply: n % 2,
        access_enabled: kind === 'disabled' ? 0 : 1,
        created_by: opts.staffId ?? null,
        created_at: created,
        updated_at: created,
        // clinic-owned: version 0 until the hub has it, so enrolling the demo uploads it
        version: 0,
        deleted_at: kind === 'deleted' ? at(5) : null,
        invitation_requested_at: kind === 'notInvited' || kind === 'tempPassword' ? null : created,
        reset_requested_at: null,
        unlock_requested_at: null,
        activated_by_clinic_at: null,
        temp_password_hash: kind === 'tempPassword' ? UNUSABLE_HASH : null,
        temp_password_expires_at: kind === 'tempPassword' ? toTimestamp(opts.now + 10 * DAY_MS) : null,
        must_change_password: kind === 'tempPassword' ? 1 : 0,
        updated_by: opts.staffId ?? null,
      };
      store.run(store.k.insertInto('portal_account').values(account));
      const activated = kind === 'active' || kind === 'sharedEmail' || kind === 'locked' || kind === 'disabled' || kind === 'deleted';
      if (kind !== 'notInvited' && kind !== 'tempPassword') {
        const state: PortalStateRow = {
          id: id(Date.parse(created) + 1000),
          clinic_id: p.clinic_id,
          account_id: account.id,
          status: kind === 'locked' ? 'locked' : activated ? 'active' : 'invited',
          invited_at: toTimestamp(Date.parse(created) + 5 * 60_000),
          activated_at: activated ? at(38) : null,
          last_sign_in_at: activated ? at(2 + n, 3) : null,
          failed_attempts: kind === 'locked' ? 5 : 0,
          locked_at: kind === 'locked' ? at(0, 2) : null,
          // hub-owned: what patients' own actions would have made; a demo hub takes it (demo.hubRows)
          version: 0,
          deleted_at: null,
        };
        store.run(store.k.insertInto('portal_account_state').values(state));
      }
      if (kind === 'deleted') {
        store.run(store.k.insertInto('portal_former_account').values({
          id: id(opts.now - 5 * DAY_MS),
          clinic_id: p.clinic_id,
          patient_id: p.id,
          account_id: account.id,
          username: account.username,
          email: account.email,
          right_econsultation: account.right_econsultation,
          right_ebooking: account.right_ebooking,
          right_eprescription: account.right_eprescription,
          wants_electronic_reply: account.wants_electronic_reply,
          account_created_at: created,
          removed_at: at(5),
          removed_by: opts.staffId ?? null,
          returned_at: null,
          version: 0,
          deleted_at: null,
        }));
      }
      out[kind].push(p.id);
    }
  }
  putSetting(store, 'portal.patientUrl', 'https://portal.demo-clinic.example', null, toTimestamp(opts.now));
  return out;
}
