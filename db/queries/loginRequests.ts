import type { Selectable } from 'kysely';
import { swapDayMonth, type IdentityFacts } from '../../common/rules/identityMatch';
import { foldText, nameTokens } from '../../common/rules/text';
import type { LoginRequestTable } from '../schema';
import type { Store } from '../store';
import type { PatientRow } from './patients';

export type LoginRequestDbRow = Selectable<LoginRequestTable>;
export type LoginRequestListRow = LoginRequestDbRow & { clinic_name: string | null; granted_econsultation: number | null; granted_ebooking: number | null; granted_eprescription: number | null };

/** A long list is not read whole: the screen shows the newest, and typing narrows them. */
export const LIST_LIMIT = 1000;

/** Newest first, with the clinic's name and the rights the approved account holds. */
export function listLoginRequests(store: Store, text = ''): LoginRequestListRow[] {
  const rows = store.all(
    store.k
      .selectFrom('login_request as r')
      .leftJoin('clinic as c', 'c.id', 'r.clinic_id')
      .leftJoin('portal_account as a', 'a.id', 'r.account_id')
      .selectAll('r')
      .select(['c.name as clinic_name', 'a.right_econsultation as granted_econsultation', 'a.right_ebooking as granted_ebooking', 'a.right_eprescription as granted_eprescription'])
      .where('r.deleted_at', 'is', null)
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id', 'desc'),
  ) as LoginRequestListRow[];
  const words = foldText(text).split(/\s+/).filter(Boolean);
  if (!words.length) return rows.slice(0, LIST_LIMIT);
  // a few hundred requests at most are open at a time: folding each row here is cheap
  return rows
    .filter((r) => {
      const hay = foldText([r.given_name, r.family_name, r.email, r.postal_code, r.date_of_birth, r.mobile ?? '', r.clinic_name ?? ''].join(' '));
      return words.every((w) => hay.includes(w));
    })
    .slice(0, LIST_LIMIT);
}

export function loginRequestById(store: Store, id: string): LoginRequestListRow | undefined {
  return store.first(
    store.k
      .selectFrom('login_request as r')
      .leftJoin('clinic as c', 'c.id', 'r.clinic_id')
      .leftJoin('portal_account as a', 'a.id', 'r.account_id')
      .selectAll('r')
      .select(['c.name as clinic_name', 'a.right_econsultation as granted_econsultation', 'a.right_ebooking as granted_ebooking', 'a.right_eprescription as granted_eprescription'])
      .where('r.id', '=', id)
      .where('r.deleted_at', 'is', null),
  ) as LoginRequestListRow | undefined;
}

/** Requests waiting for staff: the shell's badge. */
export function openLoginRequests(store: Store): number {
  const row = store.sqlite.prepare("SELECT count(*) AS n FROM login_request WHERE status = 'new' AND deleted_at IS NULL").get() as { n: number };
  return row.n;
}

/** Requests automatic approval has not looked at yet (no manual reason, still new). */
export function unreviewedLoginRequests(store: Store): LoginRequestDbRow[] {
  return store.all(
    store.k.selectFrom('login_request').selectAll().where('status', '=', 'new').where('manual_reason', 'is', null).where('deleted_at', 'is', null).orderBy('created_at'),
  );
}

/** What the patient entered, in the matcher's terms. */
export function enteredFacts(r: Pick<LoginRequestDbRow, 'email' | 'family_name' | 'given_name' | 'date_of_birth' | 'postal_code' | 'mobile'>): IdentityFacts {
  return { email: r.email, familyName: r.family_name, givenName: r.given_name, dateOfBirth: r.date_of_birth, postalCode: r.postal_code, phone: r.mobile };
}

export function chartFacts(p: PatientRow): IdentityFacts {
  return { email: p.email, familyName: p.family_name, givenName: p.given_name, dateOfBirth: p.date_of_birth, postalCode: p.postal_code, phone: p.mobile };
}

/** Name-word candidates are many for a common name; those that share the postal code too are kept. */
const NAME_CANDIDATES = 200;

/**
 * The patients worth comparing with a request, each through an index: the same birth date (or
 * with day and month swapped), the same email address, or a last-name word and the postal code.
 */
export function candidatePatients(store: Store, r: LoginRequestDbRow): PatientRow[] {
  const dates = [r.date_of_birth, swapDayMonth(r.date_of_birth)].filter((d): d is string => !!d);
  const byDate = store.all(store.k.selectFrom('patient').selectAll().where('date_of_birth', 'in', dates).where('deleted_at', 'is', null));
  const byEmail = store.all(
    store.k.selectFrom('patient').selectAll().where((eb) => eb(eb.fn('lower', ['email']), '=', r.email.trim().toLowerCase())).where('deleted_at', 'is', null),
  );
  const tokens = nameTokens(r.family_name);
  const postal = r.postal_code.replace(/\s/g, '').toLowerCase();
  const byName = tokens.length
    ? store.all(
        store.k
          .selectFrom('patient_name_token as t')
          .innerJoin('patient as p', 'p.id', 't.patient_id')
          .selectAll('p')
          .where('t.token', 'in', tokens)
          .where('p.deleted_at', 'is', null)
          .where((eb) => eb(eb.fn('replace', [eb.fn('lower', ['p.postal_code']), eb.val(' '), eb.val('')]), '=', postal))
          .limit(NAME_CANDIDATES),
      )
    : [];
  const seen = new Map<string, PatientRow>();
  for (const p of [...byDate, ...byEmail, ...byName]) if (!seen.has(p.id)) seen.set(p.id, p);
  return [...seen.values()];
}
