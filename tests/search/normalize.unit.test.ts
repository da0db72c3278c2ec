import { describe, expect, it } from 'vitest';
import { editDistanceAtMost, foldKey, foldToneMarks, normalizeText, stripDiacritics } from '../../server/search/normalize.js';

describe('normalisation', () => {
  it('treats old and new tone-mark placement as the same name', () => {
    expect(foldKey('Hoà', { diacritics: true })).toBe(foldKey('Hòa', { diacritics: true }));
    expect(foldKey('Thuỷ', { diacritics: true })).toBe(foldKey('Thủy', { diacritics: true }));
    expect(foldToneMarks('khoẻ')).toBe(foldToneMarks('khỏe'));
  });

  it('keeps different tones apart when diacritics are kept', () => {
    expect(foldKey('Hòa', { diacritics: true })).not.toBe(foldKey('Hóa', { diacritics: true }));
    expect(foldKey('Hòa')).toBe(foldKey('Hóa'));
  });

  it('composes decomposed Unicode', () => {
    const decomposed = 'Phường Bến Nghé'.normalize('NFD');
    expect(decomposed).not.toBe('Phường Bến Nghé');
    expect(normalizeText(decomposed)).toBe('phường bến nghé');
    expect(foldKey(decomposed)).toBe('phuong ben nghe');
  });

  it('folds đ to d and drops every mark', () => {
    expect(stripDiacritics('Đống Đa')).toBe('Dong Da');
    expect(foldKey('ĐẮK LẮK')).toBe('dak lak');
  });

  it('folds apostrophes, dashes, spaces and leading zeros', () => {
    expect(foldKey('Ea H’Leo')).toBe(foldKey("Ea H'Leo"));
    expect(foldKey('Bà Rịa – Vũng Tàu')).toBe('ba ria vung tau');
    expect(foldKey('  Phường   02 ')).toBe('phuong 2');
  });

  it('measures edit distance up to a bound', () => {
    expect(editDistanceAtMost('ben nghe', 'ben nghi', 1)).toBe(true);
    expect(editDistanceAtMost('ben nghe', 'ben ngh', 1)).toBe(true);
    expect(editDistanceAtMost('ben nghe', 'ban nghi', 1)).toBe(false);
  });
});
