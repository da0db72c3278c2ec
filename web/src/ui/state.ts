/** The app's screens. One is shown at a time in the panel; the map follows it. */
import type { CodeRef } from '../code.js';
import type { LatLng } from '../geo.js';
import type { MessageKey } from '../i18n.js';
import type { FieldName, Message } from '../messages.js';
import type { CodeInfo, CodeLookup } from '../types.js';

export type FormValues = Record<FieldName, string>;
export const emptyForm = (): FormValues => ({ houseNumber: '', street: '', hamlet: '', building: '', landmark: '', note: '', unit: '' });

export type CreateView = {
  name: 'create';
  point: LatLng | null;
  /** metres, when the point came from the phone's location */
  accuracy: number | null;
  locating: boolean;
  geoError: MessageKey | null;
  encoding: boolean;
  preview: CodeInfo | null;
  encodeError: Message | null;
  form: FormValues;
  detailsOpen: boolean;
  fieldErrors: Partial<Record<FieldName, Message>>;
  registering: boolean;
  registerError: Message | null;
};

export type View =
  | { name: 'home' }
  | CreateView
  | { name: 'searching'; typed: string; ref: CodeRef }
  | { name: 'search-error'; typed: string; ref: CodeRef; message: Message; suggestions: string[] }
  /** a looked-up address; `mine` after registering it here (created: new, else it existed) */
  | { name: 'place'; result: CodeLookup; mine: null | { created: boolean } }
  | {
      name: 'directions';
      result: CodeLookup;
      mine: null | { created: boolean };
      from: LatLng | null;
      locating: boolean;
      geoError: MessageKey | null;
    };

export function newCreateView(point: LatLng | null = null): CreateView {
  return {
    name: 'create',
    point,
    accuracy: null,
    locating: false,
    geoError: null,
    encoding: false,
    preview: null,
    encodeError: null,
    form: emptyForm(),
    detailsOpen: false,
    fieldErrors: {},
    registering: false,
    registerError: null,
  };
}

/** Where an address is: its registered entrance point, else the centre of its cell. */
export function placePoint(result: CodeLookup): LatLng {
  return result.address?.point ?? { lat: result.lat, lng: result.lng };
}
