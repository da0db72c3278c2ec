/**
 * The app's screens. One is shown at a time in the panel; the map follows it. Each screen's view
 * is declared in its feature folder (features/<name>/view.ts); this is their union.
 */
import type { CodeRef } from '../common/code.js';
import type { Message } from '../i18n/household.js';
import type { AccountView } from '../features/account/view.js';
import type { AddPlaceView } from '../features/add-place/view.js';
import type { ApiKeysView } from '../features/api-keys/view.js';
import type { BatchView } from '../features/batch/view.js';
import type { CreateView } from '../features/create/view.js';
import type { DirectionsView } from '../features/directions/view.js';
import type { EditView } from '../features/edit/view.js';
import type { HistoryView } from '../features/history/view.js';
import type { PasswordView } from '../features/password/view.js';
import type { PlaceView } from '../features/place/view.js';

export type View =
  | { name: 'home' }
  | CreateView
  | { name: 'searching'; typed: string; ref: CodeRef }
  | { name: 'search-error'; typed: string; ref: CodeRef; message: Message; suggestions: string[] }
  /** a looked-up address; `mine` after registering it here (created: new, else it existed) */
  | PlaceView
  | AccountView
  | EditView
  | HistoryView
  | AddPlaceView
  | DirectionsView
  | BatchView
  | ApiKeysView
  | PasswordView;
