/** The view of this screen (making a code): what the panel shows; the controller changes it. */
import type { LatLng } from '../../common/geo.js';
import type { FieldName } from '../../common/messages.js';
import type { Message } from '../../i18n/household.js';
import type { CodeInfo } from '../../common/types.js';
import type { MessageKey } from '../../i18n/household.js';

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
