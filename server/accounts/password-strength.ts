/**
 * Refusing guessable passwords (sign-up, change, reset, accounts made by administrators):
 * zxcvbn-ts with its common-passwords and diceware lists, plus the service's own words and a few
 * passwords Vietnamese users favour that the English-centred list ranks low. A password is refused
 * when it is one of the common passwords as a whole, or when zxcvbn scores it below 2 ("too
 * guessable": about 10^6 guesses or fewer, which throttled online guessing can reach).
 *
 * The dictionaries are ~1 MB of JSON and take ~0.1 s to rank, so they are loaded on the first
 * check, once per process. zxcvbn's matching grows super-linearly with length and with l33t
 * substitutions (a 100-character 'p@ssw0rd…' took 0.24 s, blocking the process): only the first 64
 * characters are analysed, with at most 8 substitutions tried, which keeps the worst case we know
 * of near 30 ms (tests/accounts/password-strength.unit.test.ts). What follows the 64th character
 * cannot make a weak start strong enough to matter.
 */
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { badRequest } from '../http/problem.js';

const ANALYSED_LENGTH = 64;
const MIN_SCORE = 2;

/** Common Vietnamese passwords and the service's own name: ranked like the most common passwords. */
const LOCAL_WORDS = [
  'matkhau',
  'matkhau123',
  'anhyeuem',
  'emyeuanh',
  'yeuem',
  'yeuanh',
  'vietnam',
  'vietnam123',
  'hanoi',
  'saigon',
  'hochiminh',
  'danang',
  'khongbiet',
  'khongco',
  'xinchao',
  'madiachi',
  'madiachiso',
  'diachi',
  'vnac',
  'nguyen',
  'tran',
  'phamvan',
  'nguyenvan',
  'conyeu',
  'giadinh',
  'hanhphuc',
];

let checker: Promise<{ zxcvbn: ZxcvbnFactory; common: Set<string> }> | null = null;

function load() {
  checker ??= (async () => {
    const [{ ZxcvbnFactory }, language] = await Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]);
    const dictionary = { ...language.dictionary, 'vnac-local': LOCAL_WORDS };
    const zxcvbn = new ZxcvbnFactory({ dictionary, graphs: language.adjacencyGraphs, maxLength: ANALYSED_LENGTH, l33tMaxSubstitutions: 8 });
    return { zxcvbn, common: new Set([...language.dictionary['passwords-common'], ...LOCAL_WORDS]) };
  })().catch((err) => {
    checker = null;
    throw err;
  });
  return checker;
}

/**
 * A common password dressed up the way sites' rules teach: a capital letter, an "@" and a few
 * digits ("Matkhau@123", "Admin@123", "Vietnam@2024"), which zxcvbn scores as fair. Its letters are
 * a common password and what else it has is short, or without its symbols it is one ("abc12345"):
 * refused like the bare word.
 */
function dressedUpCommon(password: string, common: Set<string>): boolean {
  if (password.length > 24) return false;
  let letters = '';
  let alphanumeric = '';
  for (const ch of password.toLowerCase()) {
    if (ch >= 'a' && ch <= 'z') letters += ch;
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) alphanumeric += ch;
  }
  return (
    (letters.length >= 3 && password.length - letters.length <= 6 && common.has(letters)) ||
    (alphanumeric.length >= 6 && common.has(alphanumeric))
  );
}

/** An e-mail or phone as the words a person builds passwords from: the whole, its local part and pieces, the phone as dialled at home. */
function personalWords(login: string | null | undefined): string[] {
  if (!login) return [];
  if (login.startsWith('+84')) return [login, login.slice(1), `0${login.slice(3)}`, login.slice(3)];
  const local = login.split('@')[0]!;
  return [login, local, ...local.split(/[._+-]/).filter((part) => part.length >= 3)];
}

/** Why the password is refused, or null when it may be used. `personal`: the account's e-mail or phone (a password made of them is weak). */
export async function passwordWeakness(password: string, personal: (string | null | undefined)[] = []): Promise<string | null> {
  const { zxcvbn, common } = await load();
  if (common.has(password.toLowerCase()) || dressedUpCommon(password, common)) {
    return 'this password is one of the most common passwords; choose another (several unrelated words make a strong one)';
  }
  const inputs = personal.flatMap(personalWords);
  const result = zxcvbn.check(password.slice(0, ANALYSED_LENGTH), inputs);
  if (result.score < MIN_SCORE) {
    return 'this password is too easy to guess (a common word or name, a keyboard or number pattern, or your e-mail or phone); choose a longer one, for example several unrelated words';
  }
  return null;
}

/** 400 problem+json naming the password field, as the edge validation does. */
export async function assertStrongPassword(password: string, personal: (string | null | undefined)[] = [], field = 'password') {
  const weakness = await passwordWeakness(password, personal);
  if (weakness) throw badRequest(`body "${field}": ${weakness}`, { errors: [{ in: 'body', field, message: weakness }] });
}

/** Loads the dictionaries now (warm-up), so the first sign-up does not wait for them. */
export const warmPasswordCheck = () => load().then(() => undefined);
