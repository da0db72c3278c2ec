/** The view of this screen (a looked-up address): what the panel shows; the controller changes it. */
import type { LatLng } from '../../common/geo.js';
import type { CodeLookup } from '../../common/types.js';
import type { Message } from '../../i18n/household.js';
import type { Notice } from '../../common/notice.js';

export type PlaceView = {
  name: 'place';
  result: CodeLookup;
  mine: null | { created: boolean };
  /** whether this user may edit it directly (owner or ward staff): null until known */
  canManage?: boolean | null;
  notice?: Notice<Message> | null;
  /** the notice answers a button of the contribute section, so it shows there, not at the top */
  noticeInline?: boolean;
  busy?: boolean;
};

/** Where an address is: its registered entrance point, else the centre of its cell. */
export function placePoint(result: CodeLookup): LatLng {
  return result.address?.point ?? { lat: result.lat, lng: result.lng };
}
