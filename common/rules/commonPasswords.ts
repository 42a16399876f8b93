import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * The 49k most common passwords of zxcvbn-ts, plus the usual padding tricks on them
 * ("password1234", "qwerty!!!!!!") and runs of one character or of consecutive keys.
 * Kept out of the renderer bundle: only main and hub import this module.
 */
let words: Set<string> | undefined;

function list(): Set<string> {
  words ??= new Set(dictionary['passwords-common'].map((w) => w.toLowerCase()));
  return words;
}

const SEQUENCES = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

function isRun(pw: string): boolean {
  if (new Set(pw).size <= 2) return true;
  for (const seq of SEQUENCES) {
    const twice = seq + seq;
    if (twice.includes(pw) || [...twice].reverse().join('').includes(pw)) return true;
  }
  return false;
}

export function isCommonPassword(password: string): boolean {
  const pw = password.toLowerCase();
  if (list().has(pw) || isRun(pw)) return true;
  const base = pw.replace(/[\d\W_]+$/u, '').replace(/^[\d\W_]+/u, '');
  if (base.length >= 4 && base.length < pw.length && (list().has(base) || isRun(base))) return true;
  // "passwordpassword", "letmeinletmein": a common word repeated
  for (let n = 2; n <= 4; n++) {
    if (pw.length % n === 0) {
      const part = pw.slice(0, pw.length / n);
      if (part.repeat(n) === pw && list().has(part)) return true;
    }
  }
  return false;
}
