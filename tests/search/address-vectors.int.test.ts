/**
 * The search terms of an address: the bulk loader computes them in JavaScript
 * (server/search/address-vectors.ts), every other writer through the trigger of migration
 * 20261123001200. Both must give the same tsvector, or loaded addresses would be found
 * differently from registered ones.
 */
import fc from 'fast-check';
import { latLngToCell } from 'h3-js';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { encode } from '../../server/codes/codec.js';
import { createKnex } from '../../server/db/knex.js';
import { addressTerms, streetKeyForIndex, type AddressText } from '../../server/search/address-vectors.js';

const knex = createKnex(inject('databaseUrl'), 1);
const FIELDS = ['house_number', 'street', 'hamlet', 'building', 'landmark', 'place_name'] as const;

// Vietnamese letters precomposed and decomposed, both tone placements, ASCII with punctuation and
// digits, the apostrophes, and characters JavaScript must leave to SQL (eth, ligatures, fractions,
// other scripts, other Latin letters)
const pieces = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom('Hoà', 'Hòa', 'Thuỷ', 'Thủy', 'Đường', 'đ', 'Ngõ', 'Phố', 'Nguyễn', 'Trưng', 'Ơ', 'ư', 'Ỹ', 'Ân', 'ặ'),
  },
  { weight: 3, arbitrary: fc.constantFrom('Ho\u0300a', 'Tru\u031bo\u031b\u0300ng', 'Nguye\u0302\u0303n', 'D\u0323') },
  { weight: 6, arbitrary: fc.string({ unit: fc.constantFrom(...'abcXYZ019 -/.,#&()'.split('')), maxLength: 8 }) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      ' ',
      '  ',
      '\t',
      "'",
      '\u2019',
      "Ea H'Leo",
      '12A',
      '0012',
      '1e5',
      '2E7x',
      'x1e5',
      '1e',
      'e5',
      '3b2',
      'a1b2c3',
      '17/3',
      'Số 5',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'Ð',
      'ð',
      'ﬁ',
      '½',
      'ß',
      'Œ',
      'æ',
      'é',
      'Ⅻ',
      '²',
      'ä',
      '中',
      'Ω',
      '\u00a0',
      '—',
      '“',
      'ﬀ',
      'q\u0301',
      '\u212a',
      '\u0007',
      '\u007f',
    ),
  },
);
const field = fc.option(
  fc.array(pieces, { maxLength: 6 }).map((p) => p.join('')),
  { nil: null, freq: 3 },
);
const address = fc.record(Object.fromEntries(FIELDS.map((f) => [f, field])) as Record<(typeof FIELDS)[number], typeof field>);

const concat = FIELDS.map((f) => `coalesce(a.${f}, '')`).join(` || ' ' || `);

afterAll(async () => {
  await knex.destroy();
});

describe('search terms computed in JavaScript (bulk loader) and by the trigger', () => {
  it('are equal tsvectors whenever JavaScript answers, and JavaScript answers for Vietnamese and ASCII text', async () => {
    const samples: AddressText[] = fc.sample(address, {
      numRuns: Number(process.env.VECTORS_RUNS ?? 3000),
      seed: Number(process.env.VECTORS_SEED ?? 20261123),
    });
    const computed = samples.map((a) => addressTerms(a));
    const answered = computed.filter((c) => c !== null).length;
    // one piece in 20 is outside ASCII and Vietnamese; an address has up to 36 pieces
    expect(answered).toBeGreaterThan(samples.length * 0.2);
    expect(answered).toBeLessThan(samples.length);

    const { rows } = await knex.raw(
      `SELECT i, vn_address_terms(a.house_number, a.street, a.hamlet, a.building, a.landmark, a.place_name) = t::tsvector AS equal,
              vn_fold(${concat}) AS sql_folded
       FROM jsonb_to_recordset(?::jsonb) AS a(i int, house_number text, street text, hamlet text, building text, landmark text, place_name text, t text)
       WHERE t IS NOT NULL`,
      [JSON.stringify(samples.map((a, i) => ({ ...a, i, t: computed[i] })))],
    );
    expect(rows).toHaveLength(answered);
    const wrong = rows
      .filter((r: { equal: boolean }) => !r.equal)
      .map((r: { i: number; sql_folded: string }) => ({ input: samples[r.i], js: computed[r.i], sqlFolded: r.sql_folded }));
    expect(wrong.slice(0, 3)).toEqual([]);
  });

  it('street keys are equal to vn_street_key() whenever JavaScript answers', async () => {
    // street names: type words (repeated, in either case, with diacritics), final y after a
    // consonant or not, and the same pieces as the addresses
    const typeWord = fc.constantFrom(
      'Đường ',
      'đường ',
      'Phố ',
      'PHỐ ',
      'Ngõ ',
      'Ngách ',
      'Hẻm ',
      'Kiệt ',
      'Đại lộ ',
      'Street ',
      'St ',
      'Rd ',
      'Avenue ',
      '',
    );
    const word = fc.oneof(
      pieces,
      fc.constantFrom('Sỹ', 'Sĩ', 'Lý', 'Kỳ', 'Mỹ', 'Thuỵ', 'y', 'Y', 'xy', 'ay', 'Quy', 'Nguyên', 'pho', 'duong'),
    );
    const street = fc.option(
      fc.tuple(fc.array(typeWord, { maxLength: 3 }), fc.array(word, { maxLength: 5 })).map(([t, w]) => t.join('') + w.join(' ')),
      { nil: null, freq: 8 },
    );
    const streets = fc.sample(street, {
      numRuns: Number(process.env.VECTORS_RUNS ?? 3000),
      seed: Number(process.env.VECTORS_SEED ?? 20261123) + 1,
    });
    const computed = streets.map((s) => streetKeyForIndex(s));
    const answered = computed.filter((c) => c !== null).length;
    expect(answered).toBeGreaterThan(streets.length * 0.5);
    expect(streets.some((s, i) => s !== null && computed[i] === null)).toBe(true); // some are left to SQL
    expect(streets.every((s, i) => s !== null || computed[i] === null)).toBe(true);

    const { rows } = await knex.raw(
      `SELECT i, vn_street_key(a.street) AS sql FROM jsonb_to_recordset(?::jsonb) AS a(i int, street text, k text) WHERE k IS NOT NULL`,
      [JSON.stringify(streets.map((street, i) => ({ street, i, k: computed[i] })))],
    );
    expect(rows).toHaveLength(answered);
    const wrong = rows
      .filter((r: { i: number; sql: string }) => r.sql !== computed[r.i])
      .map((r: { i: number; sql: string }) => ({ input: streets[r.i], js: computed[r.i], sql: r.sql }));
    expect(wrong.slice(0, 3)).toEqual([]);
    // the rules did something: type words dropped, final y read as i
    expect(streetKeyForIndex('Phố Lý Thường Kiệt')).toBe('li thuong kiet');
    expect(streetKeyForIndex('Đường Đại lộ Thăng Long')).toBe('thang long');
  });

  it('the trigger fills the terms on insert and recomputes them only when the text changes', async () => {
    const [lat, lng] = [11.94231, 108.44011]; // Đà Lạt, away from other tests' houses
    const code = encode(lat, lng)!;
    await knex('addresses').where({ code }).delete();
    try {
      const {
        rows: [row],
      } = await knex.raw(
        `INSERT INTO addresses (code, h3, geom, house_number, street) VALUES (?, ?, ST_SetSRID(ST_MakePoint(?, ?), 4326), '15', 'Phố Hàng Bạc')
         RETURNING id, search_terms::text AS t, street_key`,
        [code, BigInt(`0x${latLngToCell(lat, lng, 14)}`).toString(), lng, lat],
      );
      const expected = addressTerms({ house_number: '15', street: 'Phố Hàng Bạc', hamlet: null, building: null, landmark: null })!;
      expect((await knex.raw('SELECT ?::tsvector = ?::tsvector AS ok', [row.t, expected])).rows[0].ok).toBe(true);
      expect(row.t).toContain("'>hang'");
      expect(row.street_key).toBe('hang bac');

      const read = async () => (await knex.raw('SELECT search_terms::text AS t FROM addresses WHERE id = ?', [row.id])).rows[0];
      await knex('addresses').where({ id: row.id }).update({ status: 'draft' });
      expect(await read()).toEqual({ t: row.t });

      await knex('addresses').where({ id: row.id }).update({ landmark: 'Chợ Đồng Xuân' });
      const after = await read();
      expect(after.t).toContain("'xuan'");
      expect(after.t).toContain("'>xua'");
      expect(after.t).toContain("'>hang'");

      await knex('addresses').where({ id: row.id }).update({ street: 'Ngõ Tạm Thương' });
      expect((await knex('addresses').where({ id: row.id }).first('street_key')).street_key).toBe('tam thuong');
      await knex('addresses').where({ id: row.id }).update({ street: null });
      expect((await knex('addresses').where({ id: row.id }).first('street_key')).street_key).toBeNull();
    } finally {
      await knex('addresses').where({ code }).delete();
    }
  });
});
