import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Patient passwords on the hub: scrypt in the same `scrypt$N$r$p$salt$hash` form as the
 * workstation writes (so a temporary password hashed by staff at the workstation checks here).
 * The hub may not import main/, hence its own copy.
 */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** OWASP Password Storage Cheat Sheet: N=2^17, r=8, p=1. */
export const PATIENT_SCRYPT: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

const KEY_BYTES = 32;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPatientPassword(password: string, cost: ScryptCost): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

const HASH_RE = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

export function isPasswordHash(value: string): boolean {
  const m = HASH_RE.exec(value);
  if (!m) return false;
  const N = Number(m[1]);
  // a power of two the hub can afford to check: refuse hashes that would take minutes or gigabytes
  return N >= 2 ** 10 && N <= 2 ** 20 && (N & (N - 1)) === 0 && Number(m[2]) <= 16 && Number(m[3]) <= 4;
}

export async function verifyPatientPassword(password: string, stored: string): Promise<boolean> {
  const m = HASH_RE.exec(stored);
  if (!m || !isPasswordHash(stored)) return false;
  const expected = Buffer.from(m[5] as string, 'base64');
  const key = await derive(password, Buffer.from(m[4] as string, 'base64'), { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** The cost of a real check, spent when there is nothing to check, so timing tells nothing. */
const dummies = new Map<number, Promise<string>>();
export async function burnVerify(password: string, cost: ScryptCost): Promise<void> {
  let dummy = dummies.get(cost.N);
  if (!dummy) dummies.set(cost.N, (dummy = hashPatientPassword('portal-hub-timing-equaliser', cost)));
  await verifyPatientPassword(password, await dummy);
}
