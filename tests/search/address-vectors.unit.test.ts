import { describe, expect, it } from 'vitest';
import { addressTerms, foldForIndex, termsText } from '../../server/search/address-vectors.js';

describe('foldForIndex (vn_fold in JavaScript, for the bulk loader)', () => {
  it('folds Vietnamese, decomposed or not, and drops apostrophes inside words', () => {
    expect(foldForIndex('Số 12A, Phố Hàng Bạc')).toBe('so 12a pho hang bac');
    expect(foldForIndex('Pho\u0302\u0301 Hue\u0302\u0301')).toBe('pho hue');
    expect(foldForIndex('  Ea H’Leo - ĐẮK LẮK  ')).toBe('ea hleo dak lak');
    expect(foldForIndex('')).toBe('');
  });
  it('leaves to SQL what only unaccent knows, control characters and scientific notation', () => {
    for (const t of ['Phố ﬁ', '½', 'Ð', 'q\u0301', '\u212a', 'a\u0007b', 'số 1e5']) expect(foldForIndex(t)).toBeNull();
  });
});

describe('termsText / addressTerms', () => {
  it('write tsvector text: the words with their 1–4 character prefixes', () => {
    expect(termsText('59 hang')).toBe("'59' '>5' '>59' 'hang' '>h' '>ha' '>han' '>hang'");
    expect(termsText('')).toBe('');
  });
  it("addressTerms joins the six fields in the trigger's order", () => {
    expect(addressTerms({ house_number: '5', street: null, hamlet: 'Thôn Đông', building: null, landmark: null, place_name: 'Chợ' })).toBe(
      "'5' '>5' 'thon' '>t' '>th' '>tho' '>thon' 'dong' '>d' '>do' '>don' '>dong' 'cho' '>c' '>ch' '>cho'",
    );
    expect(addressTerms({ house_number: null, street: 'ﬁ', hamlet: null, building: null, landmark: null })).toBeNull();
  });
});
