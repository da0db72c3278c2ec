/** The view of this screen (proposing a new place): what the panel shows; the controller changes it. */
import type { LatLng } from '../../common/geo.js';
import type { Message } from '../../i18n/household.js';
import type { DetailField } from '../../common/types.js';

export type PlaceForm = { name: string; category: string; unit: string; reason: string } & Record<DetailField, string>;
export type AddPlaceView = {
  name: 'add-place';
  point: LatLng | null;
  form: PlaceForm;
  detailsOpen: boolean;
  sending: boolean;
  error: Message | null;
  fieldErrors: Record<string, Message>;
  done: null | { code: string; applied: boolean };
};

export const emptyPlaceForm = (): PlaceForm => ({
  name: '',
  category: '',
  unit: '',
  reason: '',
  houseNumber: '',
  street: '',
  hamlet: '',
  building: '',
  landmark: '',
  note: '',
});
