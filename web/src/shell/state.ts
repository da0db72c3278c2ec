/** The app's screens. One is shown at a time in the panel; the map follows it. */
import type { CodeRef } from '../common/code.js';
import type { LatLng } from '../common/geo.js';
import type { MessageKey } from '../i18n/translate.js';
import type { FieldName, Message } from '../common/messages.js';
import type { EditForm } from '../common/changes.js';
import type { CodeInfo, CodeLookup, DetailField, History, Proposal, Route, RouteProfile } from '../common/types.js';
import type { BatchKind } from '../features/batch/detect.js';
import type { ApiKeyInfo, KeyScope, UsageDay } from '../features/api-keys/api-keys.js';

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

/** A line of feedback in a panel: what just happened, good or bad. */
export type Notice = { tone: 'success' | 'notice' | 'error'; message: Message };

export type PlaceView = {
  name: 'place';
  result: CodeLookup;
  mine: null | { created: boolean };
  /** whether this user may edit it directly (owner or ward staff): null until known */
  canManage?: boolean | null;
  notice?: Notice | null;
  /** the notice answers a button of the contribute section, so it shows there, not at the top */
  noticeInline?: boolean;
  busy?: boolean;
};

/** "My proposals" in the account panel, signed in: newest first once loaded. */
export type MyProposals = { loading: boolean; error: Message | null; proposals: Proposal[] | null };

export type AccountView = {
  name: 'account';
  mode: 'signin' | 'signup';
  identifier: string;
  password: string;
  showPassword: boolean;
  busy: boolean;
  error: Message | null;
  fieldErrors: Record<string, Message>;
  /** why the user was sent here (an action that needs an account) */
  reason: MessageKey | null;
  /** where Cancel goes */
  back: View | null;
  /** signed in: the user's proposals (GET /v1/me/proposals) */
  mine?: MyProposals | null;
  /** a neutral word after sign-up when no new account was made (taken or not, the API does not say) */
  notice?: Message | null;
};

/**
 * Passwords: change it (signed in, the current one required), ask for a reset link ("Quên mật
 * khẩu?"), or choose a new one from a link (/dat-lai-mat-khau#token=…; the token stays in the view only).
 */
export type PasswordView = {
  name: 'password';
  mode: 'change' | 'forgot' | 'reset';
  token: string | null;
  email: string;
  current: string;
  next: string;
  showPassword: boolean;
  busy: boolean;
  error: Message | null;
  fieldErrors: Record<string, Message>;
  /** forgot: the request went out (the same words whether or not an account has the address) */
  sent: boolean;
  back: View | null;
};

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

export type HistoryView = {
  name: 'history';
  result: CodeLookup;
  history: History | null;
  loading: boolean;
  error: Message | null;
  /** the version being restored */
  restoring: number | null;
  notice: Notice | null;
};

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
  name: '', category: '', unit: '', reason: '', houseNumber: '', street: '', hamlet: '', building: '', landmark: '', note: '',
});

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

/**
 * "Xử lý tệp CSV": a file of codes or addresses, read in the browser, sent in chunks, answered as
 * an enriched file to download. The rows themselves stay in the batch controller, not in the view.
 */
export type BatchView = {
  name: 'batch';
  phase: 'choose' | 'reading' | 'ready' | 'running' | 'done';
  file: null | { name: string; rows: number; header: string[]; headerless: boolean };
  /** what the header (or the first rows) say the file holds; null when nothing does */
  detected: BatchKind | null;
  kind: BatchKind;
  /** index of the column to read */
  column: number;
  /** rows answered so far */
  done: number;
  /** the enriched file, ready to download */
  output: null | { url: string; fileName: string; rows: number; failed: number; kind: BatchKind };
  error: Message | null;
  /** the last run was cancelled */
  cancelled: boolean;
};

export const newBatchView = (): BatchView => ({
  name: 'batch', phase: 'choose', file: null, detected: null, kind: 'codes', column: 0, done: 0, output: null, error: null, cancelled: false,
});

/**
 * Why there is no road route, so the straight line stands in: a point off the loaded road network,
 * two ends it does not connect, or the request failed (network, server).
 */
export type RouteFailure = { kind: 'off-network' | 'no-route' } | { kind: 'failed'; message: Message };

export type DirectionsView = {
  name: 'directions';
  result: CodeLookup;
  mine: null | { created: boolean };
  /** where the user is, once known */
  from: LatLng | null;
  locating: boolean;
  geoError: MessageKey | null;
  profile: RouteProfile;
  /** a GET /v1/route is under way */
  routing: boolean;
  route: Route | null;
  routeError: RouteFailure | null;
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

/** "Khoá API" of the signed-in account: its keys, a form for a new one, a key shown once, a key's usage. */
export type ApiKeysView = {
  name: 'api-keys';
  keys: ApiKeyInfo[] | null;
  loading: boolean;
  error: Message | null;
  form: { name: string; scope: KeyScope; origins: string };
  creating: boolean;
  formError: Message | null;
  fieldErrors: Record<string, Message>;
  /** the key in clear, just created or rotated: in memory only, gone with this screen */
  revealed: { id: string; name: string; key: string; rotated: boolean } | null;
  /** a rotate or revoke waiting to be confirmed */
  confirm: { id: string; action: 'rotate' | 'revoke' } | null;
  /** the key a rotate or revoke is under way for */
  busyId: string | null;
  notice: Notice | null;
  /** one key's usage per day, shown under it */
  usage: { id: string; loading: boolean; error: Message | null; days: UsageDay[] | null } | null;
  /** where Back goes (what the account panel went back to) */
  back: View | null;
};
