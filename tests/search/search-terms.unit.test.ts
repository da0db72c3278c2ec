import { describe, expect, it } from 'vitest';
import { termsQuery } from '../../server/search/repository.js';
import { prefixQuery } from '../../server/search/service.js';

describe('termsQuery (the prefix index of migration 20261123001100)', () => {
  it('turns the word being typed into an exact prefix lexeme of at most 4 characters', () => {
    expect(termsQuery(prefixQuery(['59', 'hoan', 'ki'])!)).toBe("'59' & 'hoan' & '>ki'");
    expect(termsQuery(prefixQuery(['59', 'nguyen'])!)).toBe("'59' & '>nguy'");
    expect(termsQuery('5:*')).toBe("'>5'");
  });
  it('leaves any other shape to the plain query', () => {
    expect(termsQuery("59 & o'x:*")).toBeNull();
    expect(termsQuery('')).toBeNull();
  });
});
