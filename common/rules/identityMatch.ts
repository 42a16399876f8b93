import { foldText, nameTokens } from './text';

/**
 * Matching a self-registration against the clinic's patients (seed 001's identity rule: email,
 * last name, date of birth and postal code must match the chart). Pure: the candidates are
 * looked up by the caller (db/queries/loginRequests.ts, through indexes); here each one is
 * compared field by field, scored, and the ranking says whether two patients match equally.
 */
export const MATCH_FIELDS = ['email', 'familyName', 'givenName', 'dateOfBirth', 'postalCode', 'phone'] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];

/**
 * How one field compares. `same`: identical; `folded`: equal once case, accents, Danish letters
 * and spacing are set aside (still a match, but shown); `partial`: names sharing a word;
 * `swapped`: day and month of the birth date exchanged (a near-miss, not a match);
 * `notGiven` / `notOnFile`: the patient or the chart has no value.
 */
export const FIELD_VERDICTS = ['same', 'folded', 'partial', 'swapped', 'different', 'notGiven', 'notOnFile'] as const;
export type FieldVerdict = (typeof FIELD_VERDICTS)[number];

export type IdentityFacts = Record<MatchField, string | null>;

export interface FieldEvidence {
  field: MatchField;
  entered: string | null;
  chart: string | null;
  verdict: FieldVerdict;
  points: number;
}

export interface CandidateMatch {
  id: string;
  fields: FieldEvidence[];
  /** 0..100: the points of the fields that agree. */
  score: number;
  /** Seed 001's rule holds: last name, date of birth and postal code agree, the email agrees or the chart has none, the first name does not contradict. */
  full: boolean;
}

export interface MatchResult {
  /** Best first; only those worth showing (MIN_CANDIDATE_SCORE), at most MAX_CANDIDATES. */
  candidates: CandidateMatch[];
  /** Two or more patients match equally, or several fully: perhaps one person on file twice. */
  possibleDuplicate: boolean;
  /** The one patient that fully matches, when exactly one does and nobody ties with it. */
  single: CandidateMatch | null;
}

/** What each field is worth; together 100. The birth date and the last name carry identity most. */
export const FIELD_POINTS: Record<MatchField, number> = { familyName: 25, dateOfBirth: 25, email: 15, postalCode: 15, givenName: 10, phone: 10 };
/** A birth date with day and month swapped still hints at the same person, but much less. */
const SWAPPED_POINTS = 10;
export const MIN_CANDIDATE_SCORE = 30;
export const MAX_CANDIDATES = 5;
/** From this score on a candidate is close enough that a new patient must not be created beside it. */
export const CLOSE_SCORE = 50;

const blank = (v: string | null | undefined): v is null | undefined => v === null || v === undefined || v.trim() === '';
/** Folded and without spaces, hyphens or punctuation: "Jensen-Holm" = "jensen holm" = "JENSENHOLM". */
const squeeze = (v: string) => foldText(v).replace(/[^\p{L}\p{N}]+/gu, '');
/** Names also take the spellings of ø and å without Danish letters: "Oestergaard" is "Østergård". */
const squeezeName = (v: string) => squeeze(v).replace(/aa/g, 'a').replace(/oe/g, 'o');
const digits = (v: string) => v.replace(/\D/g, '');

/** The same date with day and month exchanged, if that is a different real date. */
export function swapDayMonth(date: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m || m[2] === m[3]) return null;
  const swapped = `${m[1]}-${m[3]}-${m[2]}`;
  const d = new Date(`${swapped}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === swapped ? swapped : null;
}

function compareText(field: MatchField, a: string, b: string): FieldVerdict {
  if (a.trim() === b.trim()) return 'same';
  switch (field) {
    case 'email':
      return a.trim().toLowerCase() === b.trim().toLowerCase() ? 'folded' : 'different';
    case 'familyName':
    case 'givenName': {
      if (squeezeName(a) === squeezeName(b)) return 'folded';
      const words = new Set(nameTokens(b));
      return nameTokens(a).some((w) => words.has(w)) ? 'partial' : 'different';
    }
    case 'dateOfBirth':
      return swapDayMonth(a.trim()) === b.trim() ? 'swapped' : 'different';
    case 'postalCode':
      return squeeze(a) === squeeze(b) ? 'folded' : 'different';
    case 'phone': {
      // Danish numbers compare on their last 8 digits: +45 12 34 56 78 is 12345678
      const x = digits(a);
      const y = digits(b);
      if (x === y && x !== '') return 'folded';
      return x.length >= 8 && y.length >= 8 && x.slice(-8) === y.slice(-8) ? 'folded' : 'different';
    }
  }
}

export function compareField(field: MatchField, entered: string | null | undefined, chart: string | null | undefined): FieldVerdict {
  if (blank(entered)) return 'notGiven';
  if (blank(chart)) return 'notOnFile';
  return compareText(field, entered, chart);
}

export const agrees = (v: FieldVerdict): boolean => v === 'same' || v === 'folded';

function pointsFor(field: MatchField, verdict: FieldVerdict): number {
  if (agrees(verdict)) return FIELD_POINTS[field];
  if (verdict === 'partial') return Math.floor(FIELD_POINTS[field] / 2);
  if (verdict === 'swapped') return SWAPPED_POINTS;
  return 0;
}

/** One patient beside what the patient entered, field by field. */
export function matchCandidate(id: string, entered: IdentityFacts, chart: IdentityFacts): CandidateMatch {
  const fields = MATCH_FIELDS.map((field): FieldEvidence => {
    const verdict = compareField(field, entered[field], chart[field]);
    return { field, entered: blank(entered[field]) ? null : entered[field], chart: blank(chart[field]) ? null : chart[field], verdict, points: pointsFor(field, verdict) };
  });
  const v = Object.fromEntries(fields.map((f) => [f.field, f.verdict])) as Record<MatchField, FieldVerdict>;
  const full =
    agrees(v.familyName) &&
    v.dateOfBirth === 'same' &&
    agrees(v.postalCode) &&
    (agrees(v.email) || v.email === 'notOnFile') &&
    v.givenName !== 'different';
  return { id, fields, score: fields.reduce((s, f) => s + f.points, 0), full };
}

/**
 * Every looked-up patient compared and ranked: best score first, full matches before others of
 * the same score, then by id so the order never depends on how the rows were read.
 */
export function rankCandidates(entered: IdentityFacts, charts: ReadonlyArray<{ id: string; facts: IdentityFacts }>): MatchResult {
  const seen = new Set<string>();
  const all = charts
    .filter((c) => !seen.has(c.id) && seen.add(c.id))
    .map((c) => matchCandidate(c.id, entered, c.facts))
    .sort((a, b) => b.score - a.score || Number(b.full) - Number(a.full) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const candidates = all.filter((c) => c.score >= MIN_CANDIDATE_SCORE).slice(0, MAX_CANDIDATES);
  const top = candidates[0];
  const tied = !!top && top.score >= CLOSE_SCORE && candidates.filter((c) => c.score === top.score).length > 1;
  const fulls = all.filter((c) => c.full);
  const possibleDuplicate = tied || fulls.length > 1;
  const single = !possibleDuplicate && fulls.length === 1 && top?.id === fulls[0]?.id ? (fulls[0] ?? null) : null;
  return { candidates, possibleDuplicate, single };
}
