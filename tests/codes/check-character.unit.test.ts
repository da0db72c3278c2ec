/**
 * Proof by exhaustion over many codes: the check character catches every single-character
 * substitution and every transposition of two adjacent (different) characters, at all 9 positions
 * including the check character itself.
 */
import { describe, expect, it } from 'vitest';
import { ALPHABET, CODE_LENGTH, encode, isValidCode, parseCode } from '../../server/codes/codec.js';
import { seededRandom } from '../support/random.js';

const SAMPLE = 20_000;

describe('check character', () => {
  const random = seededRandom(20250701);
  const codes: string[] = [];
  while (codes.length < SAMPLE) {
    const code = encode(8 + random() * 15.5, 102 + random() * 7.5);
    if (code) codes.push(code);
  }

  it(`detects all ${SAMPLE * CODE_LENGTH * 31} single substitutions`, () => {
    let undetected = 0;
    let tried = 0;
    for (const code of codes) {
      for (let i = 0; i < CODE_LENGTH; i++) {
        for (const c of ALPHABET) {
          if (c === code[i]) continue;
          tried++;
          const typo = code.slice(0, i) + c + code.slice(i + 1);
          if (parseCode(typo).ok) undetected++;
        }
      }
    }
    expect(tried).toBe(SAMPLE * CODE_LENGTH * 31);
    expect(undetected).toBe(0);
  });

  it('detects every adjacent transposition of different characters', () => {
    let undetected = 0;
    let tried = 0;
    for (const code of codes) {
      for (let i = 0; i + 1 < CODE_LENGTH; i++) {
        if (code[i] === code[i + 1]) continue;
        tried++;
        const typo = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        if (isValidCode(typo)) undetected++;
      }
    }
    expect(tried).toBeGreaterThan(SAMPLE * 7);
    expect(undetected).toBe(0);
  });

  it('reports a failed check as such, not as some other error', () => {
    const code = codes[0]!;
    const typo = code.slice(0, 8) + ALPHABET[(ALPHABET.indexOf(code[8]!) + 1) % 32];
    expect(parseCode(typo)).toMatchObject({ ok: false, reason: 'check' });
  });
});
