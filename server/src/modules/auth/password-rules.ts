import { randomInt } from 'node:crypto';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import type { MessageKey } from '../../messages/render.js';
import { DEMO_PASSWORD } from '../../seeders/organisation.js';

/** R12: at least this many characters. */
export const MIN_PASSWORD_LENGTH = 10;

/** zxcvbn-ts's common-password and word dictionaries, not a hand-typed list. */
const zxcvbn = new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });

/** zxcvbn's score 3 means "safely unguessable" against online attacks (about 10^8 guesses). */
const MIN_SCORE = 3;

/** Why a password may not be used for this account (R12), as a sentence's key; null when it may. */
export function passwordProblem(password: string, username: string): MessageKey | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'password.tooShort';
  const lower = password.toLowerCase();
  const name = username.toLowerCase();
  if (lower === name || (name.length >= 4 && lower.includes(name))) return 'password.containsUsername';
  if (lower.includes(DEMO_PASSWORD)) return 'password.demoPassword';
  const result = zxcvbn.check(password, [username, DEMO_PASSWORD, 'hazardloop', 'anquan', 'yinhuan']);
  if (result.score < MIN_SCORE) return 'password.tooGuessable';
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
