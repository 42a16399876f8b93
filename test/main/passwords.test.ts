import { describe, expect, it } from 'vitest';
import { hashPassword, SCRYPT_DEFAULT, verifyPassword } from '../../main/passwords';

describe('staff password hashing', () => {
  it('uses scrypt at the OWASP parameters (N=2^17, r=8, p=1) and stores them with the hash', async () => {
    expect(SCRYPT_DEFAULT).toEqual({ N: 131072, r: 8, p: 1 });
    const hash = await hashPassword('a long enough passphrase');
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(hash).not.toContain('passphrase');
    expect(await verifyPassword('a long enough passphrase', hash)).toBe(true);
    expect(await verifyPassword('a long enough passphrasE', hash)).toBe(false);
  });

  it('salts: the same password hashes differently twice', async () => {
    const cost = { N: 1024, r: 8, p: 1 };
    expect(await hashPassword('same password twice', cost)).not.toBe(await hashPassword('same password twice', cost));
  });

  it('a malformed stored hash never verifies', async () => {
    expect(await verifyPassword('x', 'plain-text-password')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$1$2$3')).toBe(false);
  });
});
