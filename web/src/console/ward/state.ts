/** The ward being worked on, the others the user may pick, and its addresses (the map's points). */
import type { Message } from '../../i18n/console.js';
import type { AddressCollection, WardInfo } from '../api.js';

export type WardState = {
  /** the user's wards, with names once known */
  wards: { code: string; name: string | null }[];
  wardCode: string | null;
  ward: WardInfo | null;
  wardError: Message | null;
  adminWardInput: string;
  addresses: AddressCollection | null;
};

export const initialWard = (): WardState => ({
  wards: [],
  wardCode: null,
  ward: null,
  wardError: null,
  adminWardInput: '',
  addresses: null,
});
