/** The console's state: one object, changed by the controller (app.ts) and drawn by the panels. */
import type { EditForm } from '../common/changes.js';
import type { LatLng } from '../common/geo.js';
import type { Message } from '../common/messages.js';
import type { CodeLookup, History, Proposal, User } from '../common/types.js';
import type { AddressCollection, AddressProperties, CoverageCollection, WardInfo, WardStats } from './api.js';
import type { ImportPhase, ImportMediaType } from './imports.js';

export const TABS = ['queue', 'digitise', 'verify', 'import', 'stats'] as const;
export type Tab = (typeof TABS)[number];

export type Notice = { tone: 'success' | 'notice' | 'error'; message: Message };

export type AuthState = { identifier: string; password: string; showPassword: boolean; busy: boolean; error: Message | null; fieldErrors: Record<string, Message> };

/** A proposal and the address as it is now (undefined while loading; null for a new place or a gone address). */
export type QueueItem = { proposal: Proposal; current: CodeLookup | null | undefined };
export type QueueForm = { id: string; mode: 'edit' | 'reject' | 'block'; form: EditForm; reason: string; error: Message | null };

export type Selected = {
  code: string;
  props: AddressProperties;
  point: LatLng;
  lookup: CodeLookup | null;
  history: History | null;
  showHistory: boolean;
  restoring: number | null;
  busy: boolean;
  notice: Notice | null;
};

export type ConsoleState = {
  user: User | null;
  /** /v1/me has answered */
  userKnown: boolean;
  auth: AuthState;
  /** the user's wards, with names once known */
  wards: { code: string; name: string | null }[];
  wardCode: string | null;
  ward: WardInfo | null;
  wardError: Message | null;
  adminWardInput: string;
  tab: Tab;
  addresses: AddressCollection | null;
  coverage: CoverageCollection | null;
  stats: WardStats | null;
  statsError: Message | null;
  queue: { loading: boolean; error: Message | null; items: QueueItem[]; open: QueueForm | null; busy: string | null; notice: Notice | null };
  digitise: { on: boolean; street: string; count: number; saving: boolean; notice: Notice | null };
  selected: Selected | null;
  verifyNotice: Notice | null;
  import: { fileName: string | null; file: Blob | null; mediaType: ImportMediaType | null; phase: ImportPhase; error: Message | null };
};

export const emptyAuth = (): AuthState => ({ identifier: '', password: '', showPassword: false, busy: false, error: null, fieldErrors: {} });

export function initialState(): ConsoleState {
  return {
    user: null,
    userKnown: false,
    auth: emptyAuth(),
    wards: [],
    wardCode: null,
    ward: null,
    wardError: null,
    adminWardInput: '',
    tab: 'queue',
    addresses: null,
    coverage: null,
    stats: null,
    statsError: null,
    queue: { loading: false, error: null, items: [], open: null, busy: null, notice: null },
    digitise: { on: false, street: '', count: 0, saving: false, notice: null },
    selected: null,
    verifyNotice: null,
    import: { fileName: null, file: null, mediaType: null, phase: { name: 'idle' }, error: null },
  };
}
