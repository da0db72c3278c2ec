/** Verifying: the address picked on the map or in the list, with its history on request. */
import type { LatLng } from '../../common/geo.js';
import type { CodeLookup, History } from '../../common/types.js';
import type { AddressProperties } from '../api.js';
import type { Message } from '../../i18n/console.js';
import type { Notice } from '../../common/notice.js';

export type Selected = {
  code: string;
  props: AddressProperties;
  point: LatLng;
  lookup: CodeLookup | null;
  history: History | null;
  showHistory: boolean;
  restoring: number | null;
  busy: boolean;
  notice: Notice<Message> | null;
};

export type VerifyState = { selected: Selected | null; verifyNotice: Notice<Message> | null };

export const initialVerify = (): VerifyState => ({ selected: null, verifyNotice: null });
