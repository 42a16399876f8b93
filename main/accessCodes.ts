import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { ACCESS_CODE_HASH, lookupInput } from '../common/rules/accessCode';

/**
 * Node's side of common/rules/accessCode.ts ACCESS_CODE_HASH: the lookup and the scrypt hash of
 * a canonical code. The hub verifies with the same description; nothing here keeps the code.
 */
type Cost = { N: number; r: number; p: number };

function derive(canonical: string, salt: Buffer, cost: Cost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(canonical, salt, ACCESS_CODE_HASH.keyLength, { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export function codeLookup(canonical: string): string {
  return createHash('sha256').update(lookupInput(canonical), 'utf8').digest('hex').slice(0, ACCESS_CODE_HASH.lookupHexDigits);
}

export interface StoredCode {
  lookup: string;
  /** `scrypt$N$r$p$salt$key`, salt and key in base64. */
  hash: string;
}

export async function hashAccessCode(canonical: string): Promise<StoredCode> {
  const { N, r, p } = ACCESS_CODE_HASH;
  const salt = randomBytes(ACCESS_CODE_HASH.saltBytes);
  const key = await derive(canonical, salt, { N, r, p });
  return { lookup: codeLookup(canonical), hash: ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$') };
}

export async function verifyAccessCode(canonical: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(canonical, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}
