import { foldText } from './text';

/** Staff and patient usernames: lower-case letters, digits, dot, dash, underscore; 3..64 long. */
export const USERNAME_RE = /^[a-z0-9][a-z0-9._-]{2,63}$/;

export function normalizeUsername(value: string): string {
  return value.trim().toLowerCase();
}

export function usernameProblem(value: string): string | null {
  const v = normalizeUsername(value);
  if (v.length < 3) return 'errors.usernameTooShort';
  if (v.length > 64) return 'errors.usernameTooLong';
  if (!USERNAME_RE.test(v)) return 'errors.usernameChars';
  return null;
}

/**
 * A free username from a patient's name ("Søren Ærø" → "soren.aero", then "soren.aero2", ...),
 * for patients who share one email address and each need their own (seed 004).
 */
export function suggestUsername(givenName: string, familyName: string, isTaken: (username: string) => boolean): string {
  const part = (s: string) => foldWord(s).slice(0, 28);
  const given = part(givenName.split(/\s+/)[0] ?? '');
  const family = part(familyName.split(/[\s-]+/).filter(Boolean).pop() ?? '');
  let base = [given, family].filter(Boolean).join('.');
  if (base.length < 3) base = `patient${base ? `.${base}` : ''}`;
  if (!isTaken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}${n}`;
    if (!isTaken(candidate)) return candidate;
  }
}

function foldWord(value: string): string {
  return foldText(value).replace(/[^a-z0-9]+/g, '');
}
