import type { PortalGroup } from '../../common/rules/portalStatus';
import type { Timestamp } from '../../common/time';
import type { Store } from '../store';
import type { PortalAccountRow, PortalStateRow } from './portal';

export interface OnboardingFilter {
  groups: readonly PortalGroup[];
  hasEmail?: boolean | undefined;
  hasUsername?: boolean | undefined;
  /** Patients with a study on or after this date (there are no appointments in Portal Desk yet). */
  studyAfter?: string | undefined;
  /** Keyset paging in MRN order: the page after this row, or the page before it. */
  after?: PageCursor | undefined;
  before?: PageCursor | undefined;
  limit: number;
}

export interface PageCursor {
  mrn: string;
  id: string;
}

/** Counting stops here: "1–100 of 1,000+" costs a few ms where an exact count of 100k rows would not. */
export const COUNT_CAP = 1000;

export interface OnboardingDbRow {
  id: string;
  mrn: string;
  given_name: string;
  family_name: string;
  email: string | null;
  postal_code: string | null;
  last_study: string | null;
  former: number;
  account: PortalAccountRow | undefined;
  state: PortalStateRow | undefined;
}

/*
 * The onboarding group of common/rules/portalStatus.ts, in SQL so that 100k patients filter
 * and page inside SQLite. test/db/portalOnboarding.test.ts checks it against the TypeScript
 * rule for every combination of the facts it reads.
 */
const HAS_EMAIL = `(coalesce(trim(p.email), '') <> '')`;
const HAS_POSTAL = `(coalesce(trim(p.postal_code), '') <> '')`;
const ACTIVATED = `(a.id IS NOT NULL AND (s.activated_at IS NOT NULL OR a.activated_by_clinic_at IS NOT NULL))`;
const TEMP_VALID = `(a.temp_password_hash IS NOT NULL AND a.temp_password_expires_at > :now)`;
const INVITED = `(a.invitation_requested_at IS NOT NULL OR s.invited_at IS NOT NULL OR ${TEMP_VALID})`;
const NOT_ENABLED = `(:portalEnabled = 0 OR a.id IS NULL OR a.access_enabled = 0 OR NOT ${HAS_POSTAL}
  OR (NOT ${HAS_EMAIL} AND NOT ${ACTIVATED} AND NOT ${TEMP_VALID}))`;
export const GROUP_SQL = `CASE WHEN ${NOT_ENABLED} THEN 'notEnabled' WHEN ${ACTIVATED} THEN 'active'
  WHEN ${INVITED} THEN 'invited' ELSE 'notInvited' END`;

const FROM_PATIENTS = `FROM patient p
  LEFT JOIN portal_account a ON a.patient_id = p.id AND a.deleted_at IS NULL
  LEFT JOIN portal_account_state s ON s.account_id = a.id AND s.deleted_at IS NULL`;
// CROSS JOIN keeps this order: the accounts (at most one per patient, usually far fewer) lead
const FROM_ACCOUNTS = `FROM portal_account a CROSS JOIN patient p ON p.id = a.patient_id
  LEFT JOIN portal_account_state s ON s.account_id = a.id AND s.deleted_at IS NULL`;

/** Filters that only an account can pass are driven from portal_account instead of 100k patients. */
function needsAccount(f: OnboardingFilter): boolean {
  return f.hasUsername === true || (f.groups.length > 0 && !f.groups.includes('notEnabled'));
}

const ACCOUNT_COLUMNS = [
  'id', 'clinic_id', 'patient_id', 'username', 'email', 'right_econsultation', 'right_ebooking', 'right_eprescription',
  'wants_electronic_reply', 'access_enabled', 'created_by', 'created_at', 'updated_at', 'version', 'deleted_at',
  'invitation_requested_at', 'reset_requested_at', 'unlock_requested_at', 'activated_by_clinic_at', 'temp_password_hash',
  'temp_password_expires_at', 'must_change_password', 'updated_by',
] as const;
const STATE_COLUMNS = [
  'id', 'clinic_id', 'account_id', 'status', 'invited_at', 'activated_at', 'last_sign_in_at', 'failed_attempts', 'locked_at',
  'version', 'deleted_at',
] as const;

function where(f: OnboardingFilter): string {
  const parts = ['p.deleted_at IS NULL'];
  if (needsAccount(f)) parts.push('a.deleted_at IS NULL');
  if (f.groups.length > 0) parts.push(`(${GROUP_SQL}) IN (${f.groups.map((_, i) => `:g${i}`).join(', ')})`);
  if (f.hasEmail !== undefined) parts.push(f.hasEmail ? HAS_EMAIL : `NOT ${HAS_EMAIL}`);
  if (f.hasUsername !== undefined) parts.push(f.hasUsername ? 'a.username IS NOT NULL' : 'a.username IS NULL');
  // study_date_patient lists the patients once; "+" keeps the MRN-order scan, which stops at a page,
  // instead of fetching every listed patient by id and sorting them all (10x slower at 100k)
  if (f.studyAfter) parts.push(`+p.id IN (SELECT st.patient_id FROM study st WHERE st.study_date >= :studyAfter AND st.deleted_at IS NULL)`);
  return parts.join(' AND ');
}

function params(f: OnboardingFilter, now: Timestamp, portalEnabled: boolean): Record<string, string | number> {
  const out: Record<string, string | number> = { now, portalEnabled: portalEnabled ? 1 : 0 };
  f.groups.forEach((g, i) => (out[`g${i}`] = g));
  if (f.studyAfter) out.studyAfter = f.studyAfter;
  const at = f.after ?? f.before;
  if (at) {
    out.atMrn = at.mrn;
    out.atId = at.id;
  }
  return out;
}

/** Only the named parameters a statement uses may be bound. */
function bindFor(sql: string, all: Record<string, string | number>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(all).filter(([k]) => new RegExp(`:${k}\\b`).test(sql)));
}

/** One page of patients in MRN order, with their account and hub state, and how many match (up to COUNT_CAP). */
export function onboardingPage(
  store: Store,
  f: OnboardingFilter,
  now: Timestamp,
  portalEnabled: boolean,
): { rows: OnboardingDbRow[]; total: number; capped: boolean; hasMore: boolean } {
  const all = params(f, now, portalEnabled);
  const from = needsAccount(f) ? FROM_ACCOUNTS : FROM_PATIENTS;
  const w = where(f);
  const countSql = `SELECT count(*) AS n FROM (SELECT 1 ${from} WHERE ${w} LIMIT ${COUNT_CAP + 1})`;
  const n = (store.prepare(countSql).get(bindFor(countSql, all)) as { n: number }).n;
  const select = [
    'p.id AS p_id', 'p.mrn', 'p.given_name', 'p.family_name', 'p.email AS p_email', 'p.postal_code',
    ...ACCOUNT_COLUMNS.map((c) => `a.${c} AS a_${c}`),
    ...STATE_COLUMNS.map((c) => `s.${c} AS s_${c}`),
    `(SELECT max(st.study_date) FROM study st WHERE st.patient_id = p.id AND st.deleted_at IS NULL) AS last_study`,
    `EXISTS (SELECT 1 FROM portal_former_account fa WHERE fa.patient_id = p.id AND fa.deleted_at IS NULL) AS former`,
  ].join(', ');
  const backwards = !f.after && !!f.before;
  const keyset = f.after
    ? ' AND (p.mrn > :atMrn OR (p.mrn = :atMrn AND p.id > :atId))'
    : f.before
      ? ' AND (p.mrn < :atMrn OR (p.mrn = :atMrn AND p.id < :atId))'
      : '';
  const order = backwards ? 'p.mrn DESC, p.id DESC' : 'p.mrn, p.id';
  // the page's ids first, then their details: the per-row subqueries run for 101 rows, not for every match
  const pageSql = `SELECT ${select} FROM (SELECT p.id AS pid ${from} WHERE ${w}${keyset} ORDER BY ${order} LIMIT :limit) pg
    JOIN patient p ON p.id = pg.pid ${FROM_PATIENTS.replace(/^FROM patient p/, '')} ORDER BY ${order}`;
  const raw = store.prepare(pageSql).all({ ...bindFor(pageSql, all), limit: f.limit + 1 }) as Array<Record<string, unknown>>;
  const hasMore = raw.length > f.limit;
  const page = raw.slice(0, f.limit);
  if (backwards) page.reverse();
  const rows = page.map((r): OnboardingDbRow => ({
    id: r.p_id as string,
    mrn: r.mrn as string,
    given_name: r.given_name as string,
    family_name: r.family_name as string,
    email: r.p_email as string | null,
    postal_code: r.postal_code as string | null,
    last_study: r.last_study as string | null,
    former: r.former as number,
    account: r.a_id ? (pick(r, 'a_', ACCOUNT_COLUMNS) as PortalAccountRow) : undefined,
    state: r.s_id ? (pick(r, 's_', STATE_COLUMNS) as PortalStateRow) : undefined,
  }));
  return { rows, total: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP, hasMore };
}

function pick(r: Record<string, unknown>, prefix: string, columns: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(columns.map((c) => [c, r[`${prefix}${c}`]]));
}
