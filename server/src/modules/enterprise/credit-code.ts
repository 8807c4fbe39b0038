import type { Message } from '../../messages/render.js';

/** GB 32100-2015 unified social credit code: 18 characters from this alphabet (no I, O, S, V, Z). */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters of a credit code, or null if they are not valid characters. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]!);
    if (value < 0) return null;
    sum += value * WEIGHTS[i]!;
  }
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Why a credit code is not valid (a sentence's key and params), or null when it is. */
export function creditCodeProblem(code: string): Message | null {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return { key: 'creditCode.shape' };
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (expected !== code[17]) return { key: 'creditCode.checkChar', params: { expected: expected ?? '?' } };
  return null;
}
