/**
 * Password policy after OWASP ASVS v4 2.1: length is what counts (12..128 code points),
 * no composition rules, and common or breached passwords are refused. The list check is
 * injected so that screens can check length instantly without loading the 50k-word list.
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export interface PasswordProblem {
  key: string;
  params?: Record<string, number>;
}

export function checkPassword(
  password: string,
  opts: { isCommon?: (pw: string) => boolean; username?: string } = {},
): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return { key: 'errors.passwordTooShort', params: { min: PASSWORD_MIN } };
  if (length > PASSWORD_MAX) return { key: 'errors.passwordTooLong', params: { max: PASSWORD_MAX } };
  if (opts.username && password.toLowerCase().includes(opts.username.toLowerCase())) {
    return { key: 'errors.passwordContainsUsername' };
  }
  if (opts.isCommon?.(password)) return { key: 'errors.passwordCommon' };
  return null;
}
