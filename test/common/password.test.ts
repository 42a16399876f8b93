import { describe, expect, it } from 'vitest';
import { isCommonPassword } from '../../common/rules/commonPasswords';
import { checkPassword, PASSWORD_MIN } from '../../common/rules/password';

const check = (pw: string, username?: string) => checkPassword(pw, { isCommon: isCommonPassword, ...(username ? { username } : {}) })?.key ?? null;

describe('password policy (ASVS 2.1)', () => {
  it('needs at least 12 characters, counted as characters not bytes', () => {
    expect(PASSWORD_MIN).toBe(12);
    expect(check('short pass')).toBe('errors.passwordTooShort');
    expect(check('rødgrødfløde')).toBeNull(); // 12 characters, 15 bytes
    expect(check('rødgrødfløe')).toBe('errors.passwordTooShort'); // 11 characters, 14 bytes
  });

  it('has no composition rules: plain lower-case words pass', () => {
    expect(check('purple otter climbs')).toBeNull();
  });

  it('refuses common passwords and their usual padding', () => {
    for (const pw of ['1q2w3e4r5t6y', 'qwertyuiop123', 'password1234', 'Password!!!!', 'letmeinletmein', 'aaaaaaaaaaaa', '123456789012']) {
      expect(check(pw), pw).toBe('errors.passwordCommon');
    }
    expect(isCommonPassword('grey whale harbour')).toBe(false);
  });

  it('refuses the username inside the password', () => {
    expect(check('frontdesk-is-my-pass', 'frontdesk')).toBe('errors.passwordContainsUsername');
  });

  it('refuses more than 128 characters', () => {
    expect(check('x'.repeat(129))).toBe('errors.passwordTooLong');
  });
});
