/**
 * Access codes: what the patient types at the hub together with their date of birth.
 *
 * - Crockford Base32 (no I, L, O, U), 16 symbols shown as XXXX-XXXX-XXXX-XXXX.
 * - 15 symbols of secret from a CSPRNG (75 bits) + 1 check symbol.
 * - The check symbol is Damm's algorithm over the quasigroup x∘y = αx ⊕ y of GF(32)
 *   (α = the field's generator x, modulus x⁵+x²+1). That quasigroup is totally anti-symmetric,
 *   so the check catches EVERY single substitution and EVERY adjacent transposition (and, being
 *   linear, every jump transposition and twin error too). The tests prove the algebra exhaustively
 *   and measure it on sampled codes.
 * - What the patient types is normalized first: case, I/L→1, O→0, spaces and dashes ignored;
 *   U and anything outside the alphabet is a malformed code, told apart from a wrong check symbol.
 *
 * Storage is only as a hash (`ACCESS_CODE_HASH`): the hub finds candidates by `lookup` and
 * verifies with scrypt; the workstation and the hub both implement it from this description.
 */

export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_SECRET_SYMBOLS = 15;
export const CODE_SYMBOLS = CODE_SECRET_SYMBOLS + 1;
export const CODE_SECRET_BITS = CODE_SECRET_SYMBOLS * 5;
export const CODE_GROUP = 4;

const VALUE: Record<string, number> = {};
for (let i = 0; i < CODE_ALPHABET.length; i++) VALUE[CODE_ALPHABET[i] as string] = i;

/** α·x in GF(2⁵) with modulus x⁵ + x² + 1. */
function timesAlpha(x: number): number {
  const shifted = x << 1;
  return shifted & 0b100000 ? shifted ^ 0b100101 : shifted;
}

/** The quasigroup operation of the check: interim ∘ symbol. */
export function dammStep(interim: number, symbol: number): number {
  return timesAlpha(interim) ^ symbol;
}

function interimOf(symbols: string): number {
  let interim = 0;
  for (const ch of symbols) interim = dammStep(interim, VALUE[ch] as number);
  return interim;
}

/** The check symbol that makes the whole code fold to 0: interim ∘ c = 0 ⇔ c = α·interim. */
export function checkSymbol(payload: string): string {
  return CODE_ALPHABET[timesAlpha(interimOf(payload))] as string;
}

/** True when a canonical code (alphabet symbols only) carries a correct check symbol. */
export function hasValidCheck(canonical: string): boolean {
  return interimOf(canonical) === 0;
}

const DASHES = /[\s\-\u2010-\u2015\u2212]/g;

/** Upper case, I/L→1, O→0, spaces and dashes dropped. Anything else is left for `parseAccessCode` to refuse. */
export function normalizeCode(input: string): string {
  return input.replace(DASHES, '').toUpperCase().replace(/[IL]/g, '1').replace(/O/g, '0');
}

export type CodeProblem = 'empty' | 'length' | 'character' | 'check';
export type ParsedCode =
  | { ok: true; canonical: string }
  | { ok: false; problem: CodeProblem; params?: Record<string, string | number> };

/**
 * Reads what a person typed. `character`/`length`/`empty` mean malformed (not a code at all);
 * `check` means well-formed but mistyped somewhere: a wrong symbol or two swapped ones.
 */
export function parseAccessCode(input: string): ParsedCode {
  const code = normalizeCode(input);
  if (code.length === 0) return { ok: false, problem: 'empty' };
  const bad = [...code].find((ch) => VALUE[ch] === undefined);
  if (bad !== undefined) return { ok: false, problem: 'character', params: { character: bad } };
  if (code.length !== CODE_SYMBOLS) return { ok: false, problem: 'length', params: { expected: CODE_SYMBOLS, actual: code.length } };
  if (!hasValidCheck(code)) return { ok: false, problem: 'check' };
  return { ok: true, canonical: code };
}

/** Random bytes from a CSPRNG; Web Crypto exists in Node 20, browsers and Electron alike. */
export type RandomBytes = (length: number) => Uint8Array;
interface WebCrypto {
  getRandomValues<T extends Uint8Array>(array: T): T;
}
export const secureRandomBytes: RandomBytes = (length) =>
  (globalThis as unknown as { crypto: WebCrypto }).crypto.getRandomValues(new Uint8Array(length));

/** A new code in canonical form (16 symbols, no dashes). 256 is a multiple of 32, so `& 31` is unbiased. */
export function generateAccessCode(random: RandomBytes = secureRandomBytes): string {
  const bytes = random(CODE_SECRET_SYMBOLS);
  let payload = '';
  for (let i = 0; i < CODE_SECRET_SYMBOLS; i++) payload += CODE_ALPHABET[(bytes[i] as number) & 31];
  return payload + checkSymbol(payload);
}

/** XXXX-XXXX-XXXX-XXXX, for the screen and the slip. */
export function formatAccessCode(canonical: string): string {
  const groups: string[] = [];
  for (let i = 0; i < canonical.length; i += CODE_GROUP) groups.push(canonical.slice(i, i + CODE_GROUP));
  return groups.join('-');
}

/**
 * How a code is stored, here and at the hub. Never the code itself.
 *
 * - `lookup` = the first 8 hex digits (32 bits) of SHA-256(`lookupContext` + ':' + canonical code).
 *   It only narrows the search: at a million keys a random lookup matches another key about once in
 *   4,000 redemptions, and each candidate is then verified with scrypt.
 * - `hash` = `scrypt$N$r$p$<salt base64>$<key base64>` over the canonical code with a per-key
 *   random salt, as staff passwords are stored (parameters travel with the hash).
 *
 * Why this and not a bare HMAC/SHA-256: a fast hash of a 75-bit code falls to a GPU search of
 * about 2⁵⁵ guesses against a million stored keys at once. With the lookup leaking 32 bits,
 * what remains (43 bits) sits behind a memory-hard hash per key: about 2⁴³ scrypt runs, thousands
 * of CPU-years, to recover one code from a stolen database. Online guessing is hopeless anyway
 * (2⁷⁵ codes, and a known code still needs the date of birth, with a lock after 5 misses).
 */
export const ACCESS_CODE_HASH = {
  lookupContext: 'portal-desk/access-code/v1',
  lookupHexDigits: 8,
  algorithm: 'scrypt',
  N: 2 ** 14,
  r: 8,
  p: 1,
  keyLength: 32,
  saltBytes: 16,
} as const;

export function lookupInput(canonical: string): string {
  return `${ACCESS_CODE_HASH.lookupContext}:${canonical}`;
}

/** A stored code hash taken apart (salt and key still base64), or null when it is not one we could check. */
export interface CodeHashParts {
  N: number;
  r: number;
  p: number;
  salt: string;
  key: string;
}

const CODE_HASH_RE = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

/**
 * Reads `scrypt$N$r$p$salt$key`. The parameters travel with the hash, so a verifier must refuse
 * ones that would cost it minutes or gigabytes: N a power of two between 2¹⁰ and 2²⁰, r ≤ 16, p ≤ 4.
 */
export function readCodeHash(stored: string): CodeHashParts | null {
  const m = CODE_HASH_RE.exec(stored);
  if (!m) return null;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (N < 2 ** 10 || N > 2 ** 20 || (N & (N - 1)) !== 0 || r < 1 || r > 16 || p < 1 || p > 4) return null;
  return { N, r, p, salt: m[4] as string, key: m[5] as string };
}
