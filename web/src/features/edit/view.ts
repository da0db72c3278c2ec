/** The view of this screen (editing an address): what the panel shows; the controller changes it. */
import type { EditForm } from '../../common/changes.js';
import type { LatLng } from '../../common/geo.js';
import type { Message } from '../../i18n/household.js';
import type { CodeLookup } from '../../common/types.js';

export type EditView = {
  name: 'edit';
  result: CodeLookup;
  /** the owner or the ward's staff: the change applies at once */
  direct: boolean;
  form: EditForm;
  reason: string;
  /** the pin: where the entrance would move */
  entrance: LatLng;
  moveEntrance: boolean;
  sending: boolean;
  error: Message | null;
  fieldErrors: Record<string, Message>;
};
