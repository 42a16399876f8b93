import { sql, type Selectable } from 'kysely';
import { foldText, nameTokens } from '../../common/rules/text';
import type { PatientTable } from '../schema';
import type { Store } from '../store';

export type PatientRow = Selectable<PatientTable>;
export type PatientWrite = Omit<PatientRow, 'search_text'>;

/** Writes a patient and its name tokens; every patient write (edit, sync, demo) goes through here. */
export function writePatient(store: Store, p: PatientWrite): void {
  const row: PatientRow = { ...p, search_text: searchTextOf(p.given_name, p.family_name) };
  store.run(
    store.k
      .insertInto('patient')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet({ ...row, id: undefined, created_at: undefined } as never)),
  );
  writeNameTokens(store, p);
}

/**
 * The folded name words of a patient, for search; called after any write of its names. Plain
 * prepared statements: a first sync writes this for every patient of the clinic, and building the
 * same two queries with Kysely each time cost more than writing the patient itself.
 */
export function writeNameTokens(store: Store, p: Pick<PatientRow, 'id' | 'given_name' | 'family_name' | 'mrn'>): void {
  store.prepare('DELETE FROM patient_name_token WHERE patient_id = ?').run(p.id);
  const insert = store.prepare('INSERT INTO patient_name_token (token, sort_key, patient_id) VALUES (?, ?, ?)');
  const sortKey = `${foldText(p.family_name)} ${foldText(p.given_name)} ${p.mrn}`;
  for (const token of new Set([...nameTokens(p.family_name), ...nameTokens(p.given_name)])) insert.run(token, sortKey, p.id);
}

/** search_text as writePatient computes it, for rows written by other paths (sync). */
export function searchTextOf(given: string, family: string): string {
  return ` ${[...nameTokens(family), ...nameTokens(given)].join(' ')} `;
}

export function getPatientRow(store: Store, id: string): PatientRow | undefined {
  return store.first(store.k.selectFrom('patient').selectAll().where('id', '=', id).where('deleted_at', 'is', null));
}

const summaryColumns = ['p.id', 'p.mrn', 'p.given_name', 'p.family_name', 'p.date_of_birth', 'p.sex'] as const;
export type PatientSummaryRow = Pick<PatientRow, 'id' | 'mrn' | 'given_name' | 'family_name' | 'date_of_birth' | 'sex'>;

export type SearchQuery =
  | { kind: 'empty' }
  | { kind: 'dob'; date: string }
  | { kind: 'mrn'; prefix: string }
  | { kind: 'name'; tokens: string[] };

/**
 * Reads what the staff member typed: a date of birth (2001-03-04, 04-03-2001, 04.03.2001,
 * 04032001), an MRN (letters then digits), or name words in any order.
 */
export function parseSearch(text: string): SearchQuery {
  const t = text.trim();
  if (!t) return { kind: 'empty' };
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return { kind: 'dob', date: `${m[1]}-${m[2]}-${m[3]}` };
  m = /^(\d{2})[-./](\d{2})[-./](\d{4})$/.exec(t) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(t);
  if (m) return { kind: 'dob', date: `${m[3]}-${m[2]}-${m[1]}` };
  if (/^[a-z]{0,4}\d+$/i.test(t)) return { kind: 'mrn', prefix: t.toUpperCase() };
  const tokens = nameTokens(t);
  return tokens.length ? { kind: 'name', tokens } : { kind: 'empty' };
}

const END = '\u{10FFFF}';
/** Counting a word's index range stops here: past it, a word is "common" and the order moot. */
const COUNT_CAP = 5_000;

/** Of the words typed, the one whose prefix range in the token index holds the fewest rows. */
export function narrowestWord(store: Store, words: readonly string[]): string {
  const [first, ...others] = words as [string, ...string[]];
  if (!others.length) return first;
  const rangeSize = (word: string) => {
    const inRange = store.k
      .selectFrom('patient_name_token').select('token')
      .where('token', '>=', word).where('token', '<', word + END)
      .limit(COUNT_CAP).as('r');
    return Number(store.first(store.k.selectFrom(inRange).select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0);
  };
  let best = first;
  let bestSize = rangeSize(first);
  for (const word of others) {
    const size = rangeSize(word);
    if (size < bestSize) [best, bestSize] = [word, size];
  }
  return best;
}

/**
 * A word matches the sort key (" family given MRN", folded) where it begins a name word: after
 * a space, hyphen or other non-alphanumeric, and before the last space, so never inside the
 * MRN. Tokens hold only letters and digits, so they need no GLOB escaping. (A letter outside
 * a-z left by folding, like ð, counts as a word break here: a harmless extra match at worst.)
 */
function wordStartGlob(word: string): string {
  return `*[^a-zA-Z0-9]${word}* *`;
}

export function searchPatients(store: Store, text: string, limit: number): { rows: PatientSummaryRow[]; more: boolean } {
  const q = parseSearch(text);
  const { k } = store;
  let rows: PatientSummaryRow[];
  switch (q.kind) {
    case 'empty':
      return { rows: [], more: false };
    case 'dob':
      rows = store.all(
        k.selectFrom('patient as p').select(summaryColumns)
          .where('p.date_of_birth', '=', q.date).where('p.deleted_at', 'is', null)
          .orderBy('p.family_name').limit(limit + 1),
      );
      break;
    case 'mrn':
      rows = store.all(
        k.selectFrom('patient as p').select(summaryColumns)
          .where('p.mrn', '>=', q.prefix).where('p.mrn', '<', q.prefix + END).where('p.deleted_at', 'is', null)
          .orderBy('p.mrn').limit(limit + 1),
      );
      break;
    case 'name': {
      // the narrowest word walks the token index; every other word is checked against the
      // candidate's sort key, which sits in the same index row, so non-matches cost no lookup
      const lead = narrowestWord(store, q.tokens);
      const rest = [...q.tokens];
      rest.splice(rest.indexOf(lead), 1);
      let query = k
        .selectFrom('patient_name_token as t')
        .innerJoin('patient as p', 'p.id', 't.patient_id')
        .select(summaryColumns)
        .where('t.token', '>=', lead).where('t.token', '<', lead + END)
        .where('p.deleted_at', 'is', null);
      for (const word of rest) query = query.where(sql<boolean>`(' ' || t.sort_key) GLOB ${wordStartGlob(word)}`);
      const raw = store.all(query.orderBy('t.token').orderBy('t.sort_key').limit(limit * 2 + 1));
      const seen = new Set<string>();
      rows = raw.filter((r) => !seen.has(r.id) && seen.add(r.id));
      break;
    }
  }
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}
