import { createHash, scrypt, timingSafeEqual } from 'node:crypto';
import { ACCESS_CODE_HASH, lookupInput, readCodeHash } from '../../common/rules/accessCode';

/**
 * The hub's half of common/rules/accessCode.ts ACCESS_CODE_HASH: the lookup that narrows the
 * search and the scrypt check of each candidate. Workstations hash (main/accessCodes.ts); the hub
 * may not import main/, so it derives the same values here from the shared description.
 */
export function codeLookup(canonical: string): string {
  return createHash('sha256').update(lookupInput(canonical), 'utf8').digest('hex').slice(0, ACCESS_CODE_HASH.lookupHexDigits);
}

function derive(canonical: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(canonical, salt, ACCESS_CODE_HASH.keyLength, { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** True when the canonical code is the one `stored` was made from; a hash we cannot read matches nothing. */
export async function verifyAccessCode(canonical: string, stored: string | null): Promise<boolean> {
  const parts = stored ? readCodeHash(stored) : null;
  if (!parts) return false;
  const expected = Buffer.from(parts.key, 'base64');
  const key = await derive(canonical, Buffer.from(parts.salt, 'base64'), parts);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

// a hash of no code (its salt is fixed and public; nothing can match it)
const NOBODY = `scrypt$${ACCESS_CODE_HASH.N}$${ACCESS_CODE_HASH.r}$${ACCESS_CODE_HASH.p}$AAAAAAAAAAAAAAAAAAAAAA==$${'A'.repeat(43)}=`;

/**
 * The cost of one check, spent when no key has the code's lookup: an unknown code then takes as
 * long as a known one, so response times do not tell which lookups exist.
 */
export async function burnVerify(canonical: string): Promise<void> {
  await verifyAccessCode(canonical, NOBODY);
}
