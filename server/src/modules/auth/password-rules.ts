import { randomInt } from 'node:crypto';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import { DEMO_PASSWORD } from '../../seeders/organisation.js';

/** R12: at least this many characters. */
export const MIN_PASSWORD_LENGTH = 10;

/** zxcvbn-ts's common-password and word dictionaries, not a hand-typed list. */
const zxcvbn = new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });

/** zxcvbn's score 3 means "safely unguessable" against online attacks (about 10^8 guesses). */
const MIN_SCORE = 3;

/** Why a password may not be used for this account (R12), in the user's words; null when it may. */
export function passwordProblem(password: string, username: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符。`;
  const lower = password.toLowerCase();
  const name = username.toLowerCase();
  if (lower === name || (name.length >= 4 && lower.includes(name))) return '密码不能与用户名相同，也不能包含用户名。';
  if (lower.includes(DEMO_PASSWORD)) return '密码不能使用或包含演示密码。';
  const result = zxcvbn.check(password, [username, DEMO_PASSWORD, 'hazardloop', 'anquan', 'yinhuan']);
  if (result.score < MIN_SCORE)
    return '这个密码太常见或太容易猜到（常用密码、键盘序列、重复字符或简单变形），请换一个更长、更不规则的密码。';
  return null;
}

/** Letters and digits that cannot be misread when copied from a screen or paper (no 0/O, 1/l/I). */
const OTP_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A one-time password from the crypto random source: 14 characters, about 80 bits. */
export function generateOneTimePassword(): string {
  let out = '';
  for (let i = 0; i < 14; i++) out += OTP_ALPHABET[randomInt(OTP_ALPHABET.length)];
  return out;
}
