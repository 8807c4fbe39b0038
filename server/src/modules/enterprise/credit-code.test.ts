import { describe, expect, it } from 'vitest';
import { Random } from '../../seeders/random.js';
import { makeCreditCode } from '../../seeders/organisation.js';
import { creditCodeCheckChar, creditCodeProblem } from './credit-code.js';

describe('unified social credit codes (GB 32100)', () => {
  it('accepts published valid codes', () => {
    for (const code of ['91350100M000100Y43', '91110000802100433B', '91440300708461136T'])
      expect(creditCodeProblem(code)).toBeNull();
  });

  it('names the expected check character when the last one is wrong', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toEqual({ key: 'creditCode.checkChar', params: { expected: '3' } });
  });

  it('refuses letters GB 32100 does not use, and wrong lengths', () => {
    expect(creditCodeProblem('91350100M000100I43')).toEqual({ key: 'creditCode.shape' });
    expect(creditCodeProblem('91350100M000100Y4')).toEqual({ key: 'creditCode.shape' });
  });

  it('computes 0 when the weighted sum is a multiple of 31', () => {
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
  });

  it('makes only valid codes for the demo data', () => {
    const rng = new Random(1);
    for (let i = 0; i < 500; i++) expect(creditCodeProblem(makeCreditCode(rng))).toBeNull();
  });
});
