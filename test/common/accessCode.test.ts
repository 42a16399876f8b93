import { describe, expect, it } from 'vitest';
import {
  checkSymbol,
  CODE_ALPHABET,
  CODE_SECRET_BITS,
  CODE_SYMBOLS,
  dammStep,
  formatAccessCode,
  generateAccessCode,
  hasValidCheck,
  normalizeCode,
  parseAccessCode,
  secureRandomBytes,
} from '../../common/rules/accessCode';

/** A seeded generator (xorshift) so sampled tests are the same on every run. */
function seeded(seed: number) {
  let s = seed >>> 0 || 1;
  return (length: number) => {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      out[i] = s & 0xff;
    }
    return out;
  };
}

const N = CODE_ALPHABET.length;

describe('the check symbol (Damm over GF(32))', () => {
  it('the operation is a quasigroup: every row and every column of its table is a permutation', () => {
    for (let a = 0; a < N; a++) {
      const row = new Set<number>();
      const column = new Set<number>();
      for (let b = 0; b < N; b++) {
        row.add(dammStep(a, b));
        column.add(dammStep(b, a));
      }
      expect(row.size).toBe(N);
      expect(column.size).toBe(N);
    }
  });

  it('is totally anti-symmetric: (c∘x)∘y = (c∘y)∘x only when x = y (all 32³ cases)', () => {
    let equalWhenDifferent = 0;
    for (let c = 0; c < N; c++)
      for (let x = 0; x < N; x++)
        for (let y = 0; y < N; y++)
          if (x !== y && dammStep(dammStep(c, x), y) === dammStep(dammStep(c, y), x)) equalWhenDifferent++;
    expect(equalWhenDifferent).toBe(0);
  });

  it('a generated code validates, and the check symbol is its last symbol', () => {
    const code = generateAccessCode();
    expect(code).toHaveLength(CODE_SYMBOLS);
    expect(code.slice(-1)).toBe(checkSymbol(code.slice(0, -1)));
    expect(hasValidCheck(code)).toBe(true);
  });

  it('rejects every single-symbol substitution of 2,000 sampled codes (each of 16 places × 31 symbols)', () => {
    const random = seeded(7);
    let tried = 0;
    let accepted = 0;
    for (let n = 0; n < 2_000; n++) {
      const code = generateAccessCode(random);
      for (let i = 0; i < code.length; i++) {
        for (const ch of CODE_ALPHABET) {
          if (ch === code[i]) continue;
          tried++;
          if (hasValidCheck(code.slice(0, i) + ch + code.slice(i + 1))) accepted++;
        }
      }
    }
    expect(tried).toBe(2_000 * 16 * 31);
    expect(accepted).toBe(0);
  });

  it('catches adjacent swaps (measured: every one of them), including a swap with the check symbol', () => {
    const random = seeded(11);
    let swaps = 0;
    let caught = 0;
    for (let n = 0; n < 20_000; n++) {
      const code = generateAccessCode(random);
      for (let i = 0; i + 1 < code.length; i++) {
        if (code[i] === code[i + 1]) continue; // swapping equal symbols is no error
        swaps++;
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        if (!parseAccessCode(swapped).ok) caught++;
      }
    }
    expect(swaps).toBeGreaterThan(250_000);
    expect(caught / swaps).toBe(1);
  });

  it('also catches jump swaps (a_c → c_a) and twin errors (aa → bb), measured on samples', () => {
    const random = seeded(13);
    let jumps = 0;
    let jumpCaught = 0;
    for (let n = 0; n < 5_000; n++) {
      const code = generateAccessCode(random);
      for (let i = 0; i + 2 < code.length; i++) {
        if (code[i] === code[i + 2]) continue;
        jumps++;
        if (!hasValidCheck(code.slice(0, i) + code[i + 2] + code[i + 1] + code[i] + code.slice(i + 3))) jumpCaught++;
      }
    }
    expect(jumpCaught / jumps).toBe(1);
    // twin errors: make a code with a doubled symbol, then replace the pair by another pair
    let twins = 0;
    let twinCaught = 0;
    for (const a of CODE_ALPHABET) {
      const payload = `${a}${a}ABCDEFGHJKMNP`;
      const code = payload + checkSymbol(payload);
      for (const b of CODE_ALPHABET) {
        if (b === a) continue;
        twins++;
        if (!hasValidCheck(`${b}${b}${code.slice(2)}`)) twinCaught++;
      }
    }
    expect(twinCaught / twins).toBe(1);
  });
});

describe('generating codes', () => {
  it('carries at least 60 bits of secret', () => {
    expect(CODE_SECRET_BITS).toBeGreaterThanOrEqual(60);
    expect(CODE_SECRET_BITS).toBe(75);
  });

  it('a million codes from the system CSPRNG: no collision, and every symbol used about equally', () => {
    // the same CSPRNG, drawn 64 KiB at a time (one call per code made this test three times slower)
    let pool: Uint8Array = new Uint8Array(0);
    let at = 0;
    const pooled = (length: number) => {
      if (at + length > pool.length) {
        pool = secureRandomBytes(65_535);
        at = 0;
      }
      at += length;
      return pool.subarray(at - length, at);
    };
    const seen = new Set<string>();
    const counts = new Map<string, number>();
    for (let i = 0; i < 1_000_000; i++) {
      const code = generateAccessCode(pooled);
      seen.add(code);
      if (i < 20_000) for (const ch of code.slice(0, -1)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    expect(seen.size).toBe(1_000_000);
    // 300,000 secret symbols over 32 values: each near 9,375 (a stuck or biased byte would show)
    expect(counts.size).toBe(32);
    for (const n of counts.values()) expect(Math.abs(n - 9_375)).toBeLessThan(600);
  }, 60_000); // about 3 s on an idle machine; the margin is for a loaded CI box

  it('groups the code for reading', () => {
    expect(formatAccessCode('0123456789ABCDEF')).toBe('0123-4567-89AB-CDEF');
  });
});

describe('reading what a patient types', () => {
  const code = generateAccessCode(seeded(3));
  const shown = formatAccessCode(code);

  it('accepts the code as shown, in lower case, with spaces, without dashes', () => {
    for (const typed of [shown, shown.toLowerCase(), shown.replace(/-/g, ' '), code, ` ${shown.replace(/-/g, ' – ')} `]) {
      expect(parseAccessCode(typed)).toEqual({ ok: true, canonical: code });
    }
  });

  it('reads I and L as 1 and O as 0, as Crockford says', () => {
    expect(normalizeCode('il-Oo 1')).toBe('11001');
    const withOne = '1'.repeat(15);
    const full = withOne + checkSymbol(withOne);
    expect(parseAccessCode(full.replace(/1/g, 'l'))).toEqual({ ok: true, canonical: full });
    expect(parseAccessCode(full.replace(/1/g, 'I'))).toEqual({ ok: true, canonical: full });
  });

  it('tells a malformed code (U, other characters, wrong length, empty) from a wrong check symbol', () => {
    expect(parseAccessCode('')).toEqual({ ok: false, problem: 'empty' });
    expect(parseAccessCode(' - ')).toEqual({ ok: false, problem: 'empty' });
    expect(parseAccessCode(`U${code.slice(1)}`)).toEqual({ ok: false, problem: 'character', params: { character: 'U' } });
    expect(parseAccessCode(`${code.slice(0, 8)}.${code.slice(8)}`)).toMatchObject({ ok: false, problem: 'character', params: { character: '.' } });
    expect(parseAccessCode(code.slice(0, 15))).toEqual({ ok: false, problem: 'length', params: { expected: 16, actual: 15 } });
    expect(parseAccessCode(`${code}7`)).toMatchObject({ ok: false, problem: 'length' });
    const wrong = code.slice(0, 5) + (code[5] === 'A' ? 'B' : 'A') + code.slice(6);
    expect(parseAccessCode(wrong)).toEqual({ ok: false, problem: 'check' });
  });
});
