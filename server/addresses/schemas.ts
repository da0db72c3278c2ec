import { z } from 'zod';
import { Admin } from '../admin/schemas.js';
import { latLngObject } from '../http/route.js';
import { holdsContactData } from './contact-guard.js';

/** Lone UTF-16 surrogates (valid in JSON text, not in Unicode) as U+FFFD; String.prototype.toWellFormed in ES2024. */
export const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/**
 * Text as sent may be longer than its limit by what cleaning takes away (decomposed letters,
 * runs of spaces), but not by more than this: anything longer is refused before any work on it.
 */
export const RAW_TEXT_SLACK = 4;

/** NFC, single spaces, trimmed; lone UTF-16 surrogates (valid in JSON, not in Unicode) as U+FFFD. */
export const cleanPlaceText = (s: string) => wellFormed(s).normalize('NFC').replace(/\s+/g, ' ').trim();

const contactMessage = (what: string) => `${what} describes the place, not people: phone numbers and e-mail addresses are not accepted`;

/**
 * Free text about a place, checked in order of cost: the raw length, then the cleaned length, and
 * only then the contact-data guard (a 180 KB note once went through the guard before its length).
 */
const placeText = (max: number, what: string) =>
  z
    .string()
    .max(max * RAW_TEXT_SLACK, { error: `${what} has at most ${max} characters`, abort: true })
    .transform(cleanPlaceText)
    .pipe(
      z
        .string()
        .max(max, { error: `${what} has at most ${max} characters`, abort: true })
        .refine((s) => !holdsContactData(s), { error: contactMessage(what) }),
    )
    .transform((s) => (s === '' ? null : s))
    .optional()
    .describe(`${what} (at most ${max} characters)`);

/** A place's name (shops, clinics…): the same order of checks; published like the details. */
export const placeName = (max: number) =>
  z
    .string()
    .max(max * RAW_TEXT_SLACK, { error: `placeName has at most ${max} characters`, abort: true })
    .transform((s) => wellFormed(s).normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(1)
        .max(max, { error: `placeName has at most ${max} characters`, abort: true })
        .refine((s) => !holdsContactData(s), { error: contactMessage('placeName') }),
    );

export const DetailsInput = z
  .object({
    houseNumber: placeText(50, 'houseNumber'),
    street: placeText(200, 'street'),
    hamlet: placeText(200, 'hamlet'),
    building: placeText(200, 'building'),
    landmark: placeText(200, 'landmark'),
    note: placeText(500, 'note'),
  })
  .strict();

export const UnitInput = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{1,6}$/, 'unit has 1 to 6 letters or digits')
  .describe('flat, room or stall within the cell, 1 to 6 letters or digits');

export const CreateAddressBody = z
  .object({
    lat: z.number({ error: 'lat is required and must be a number' }).min(-90).max(90),
    lng: z.number({ error: 'lng is required and must be a number' }).min(-180).max(180),
    unit: UnitInput.optional(),
    details: DetailsInput.optional(),
  })
  .strict();

/** Where an address stands in review: a household's draft, verified by its ward's staff, or sent back. */
export const AddressStatus = z.enum(['draft', 'verified', 'needs_review']);

export const Details = z.object({
  placeName: z.string().nullable().describe('name of a shop, clinic, school… (places)'),
  category: z.string().nullable().describe('kind of place, e.g. shop, clinic, school'),
  houseNumber: z.string().nullable(),
  street: z.string().nullable(),
  hamlet: z.string().nullable(),
  building: z.string().nullable(),
  landmark: z.string().nullable(),
  note: z.string().nullable(),
});

export const Address = z.object({
  code: z.string().describe('grouped code with unit, e.g. 25M-SN9-S32/A12'),
  unit: z.string().nullable(),
  point: z.object({ lat: z.number(), lng: z.number() }).describe('the exact point chosen (entrance), inside the cell'),
  details: Details,
  status: AddressStatus,
  private: z.boolean().describe('only its owner and its ward’s staff ever see a private address'),
  version: z.number().int().describe('send it back with any change: a stale version gets 409'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const NearbyAddress = Address.extend({ distance: z.number().describe('metres from the query point'), admin: Admin });
export const ReverseResult = z.object({
  code: z.string().describe('the code of the query point itself'),
  admin: Admin,
  addresses: z.array(NearbyAddress).describe('registered addresses within the radius, nearest first; [] when none'),
});

export const CategoryInput = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z_]{2,40}$/, 'category is a word like shop, clinic, school');
export const PlaceNameInput = placeName(200);

/** The fields of an address anyone may propose to change. */
export const ChangeInput = z
  .object({
    details: DetailsInput.optional(),
    placeName: PlaceNameInput.nullable().optional(),
    category: CategoryInput.nullable().optional(),
    point: latLngObject.optional().describe('a better entrance point, within 30 m of the cell'),
  })
  .strict();
export type ChangeInput = z.infer<typeof ChangeInput>;

/** An address's version history, a page at a time (GET /v1/addresses/{code}/history). */
export const History = z.object({
  code: z.string(),
  next: z.string().optional().describe('the older versions: present while there are more'),
  versions: z.array(
    z.object({
      version: z.number().int(),
      at: z.string(),
      kind: z.enum(['created', 'edited', 'proposal', 'restored', 'imported']),
      change: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
      reason: z.string().optional(),
      by: z.string().nullable().optional().describe('who made the change: shown to the owner and the ward’s staff only'),
    }),
  ),
});
