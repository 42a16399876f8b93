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
