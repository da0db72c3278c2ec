/**
 * Cuts an address line into chunks: comma-separated segments, further split where a unit prefix
 * ("Phường", "Q.", "TP.", "District") starts a new unit inside a segment written without commas.
 * Also takes off the postal code and the country, which are never unit names.
 */
import { cleanText, foldKey } from './normalize.js';
import { readEnglishSuffix, readUnitPrefix, type UnitPrefix } from './unit-types.js';

export type Token = { ascii: string; mark: string; start: number; end: number; dotted: boolean };

export type Chunk = {
  tokens: Token[];
  /** Unit prefix or English suffix found on the chunk; tells which level its name belongs to. */
  hint: UnitPrefix | null;
  /** Whether the hint is written before the name (prefix) or after it (English suffix). */
  hintAtEnd: boolean;
  segment: number;
};

/** `text` is the cleaned input with its case kept; token offsets point into it. */
export type ChunkedAddress = { text: string; chunks: Chunk[]; postalCode: string | null };

const COUNTRY_NAMES = new Set(['viet nam', 'vietnam', 'vn']);
/** Spelled-out prefixes as they are written with diacritics, to tell "Quận" (district) from "Quan Hoa" (a name). */
const MARKED_PREFIXES = new Set(
  ['thành phố', 'thị trấn', 'thị xã', 'đặc khu', 'tỉnh', 'quận', 'huyện', 'phường', 'xã'].map((w) => foldKey(w, { diacritics: true })),
);
const ABBREVIATIONS = new Set(['p', 'q', 'h', 'x', 't', 'f', 'tp', 'tx', 'tt']);

function tokenize(text: string, offset: number): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(/[\p{L}\p{M}\p{N}']+/gu)) {
    const start = offset + m.index;
    const raw = m[0];
    const dotted = text[m.index + raw.length] === '.';
    // "P6", "Q3", "F3", "P.6" are a prefix glued to a number; split them like "P 6".
    const glued = /^([pqf])(\d{1,2})$/i.exec(raw);
    const parts = glued ? [glued[1]!, glued[2]!] : [raw];
    let at = start;
    for (const part of parts) {
      const ascii = foldKey(part);
      if (ascii)
        tokens.push({ ascii, mark: foldKey(part, { diacritics: true }), start: at, end: at + part.length, dotted: glued ? true : dotted });
      at += part.length;
    }
  }
  return tokens;
}

/** Whether a prefix at token `i` really starts a unit, rather than being part of a name. */
function startsUnit(tokens: Token[], i: number, prefix: UnitPrefix): boolean {
  const first = tokens[i]!;
  const words = tokens.slice(i, i + prefix.wordCount);
  if (prefix.wordCount === 1 && ABBREVIATIONS.has(first.ascii)) {
    // Single letters only count as "P." / "Q 3" / at the start of a segment, never mid-name;
    // two-letter ones (TP, TX, TT) are not Vietnamese words, so they count anywhere.
    return i === 0 || first.dotted || first.ascii.length === 2 || /^\d+$/.test(tokens[i + 1]?.ascii ?? '');
  }
  const mark = words.map((t) => t.mark).join(' ');
  const ascii = words.map((t) => t.ascii).join(' ');
  return mark === ascii || MARKED_PREFIXES.has(mark) || ['district', 'ward', 'commune', 'province', 'city'].includes(ascii);
}

function splitSegment(tokens: Token[], segment: number): Chunk[] {
  const chunks: Chunk[] = [];
  let current: Chunk = { tokens: [], hint: null, hintAtEnd: false, segment };
  for (let i = 0; i < tokens.length; i++) {
    // A prefix has at most two words and needs a word after it: three words decide, whatever the line's length.
    const prefix = readUnitPrefix(tokens.slice(i, i + 3).map((t) => t.ascii));
    // A prefix right after another prefix is a name ("Phường Quan Hoa" without diacritics).
    const afterPrefix = current.hint !== null && current.tokens.length === current.hint.wordCount;
    if (prefix && !afterPrefix && startsUnit(tokens, i, prefix)) {
      if (current.tokens.length) chunks.push(current);
      current = { tokens: tokens.slice(i, i + prefix.wordCount), hint: prefix, hintAtEnd: false, segment };
      i += prefix.wordCount - 1;
      continue;
    }
    current.tokens.push(tokens[i]!);
  }
  if (current.tokens.length) chunks.push(current);
  for (const chunk of chunks) {
    if (chunk.hint) continue;
    const suffix = readEnglishSuffix(chunk.tokens.map((t) => t.ascii));
    if (suffix) Object.assign(chunk, { hint: suffix, hintAtEnd: true });
  }
  return chunks;
}

export function chunkAddress(input: string): ChunkedAddress {
  const text = cleanText(input);
  let postalCode: string | null = null;
  const segments: Token[][] = [];
  let offset = 0;
  for (const piece of text.split(/[,;|\n]/)) {
    let tokens = tokenize(piece, offset);
    offset += piece.length + 1;
    // Postal codes are 5 digits since 2025 (6 before); they stand alone or close the line.
    const last = tokens[tokens.length - 1];
    if (last && /^\d{5,6}$/.test(text.slice(last.start, last.end)) && (tokens.length === 1 || segments.length > 0)) {
      postalCode = text.slice(last.start, last.end);
      tokens = tokens.slice(0, -1);
    }
    if (COUNTRY_NAMES.has(tokens.map((t) => t.ascii).join(' '))) continue;
    if (tokens.length) segments.push(tokens);
  }
  const chunks = segments.flatMap((tokens, i) => splitSegment(tokens, i));
  return { text, chunks, postalCode };
}

/** The chunk's name tokens, without its prefix or English suffix. */
export function nameTokens(chunk: Chunk): Token[] {
  if (!chunk.hint) return chunk.tokens;
  return chunk.hintAtEnd ? chunk.tokens.slice(0, -chunk.hint.wordCount) : chunk.tokens.slice(chunk.hint.wordCount);
}
