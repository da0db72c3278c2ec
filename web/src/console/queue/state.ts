/** The ward's review queue: pending proposals, each beside the address as it is now. */
import type { EditForm } from '../../common/changes.js';
import type { Message } from '../../i18n/console.js';
import type { CodeLookup, Proposal } from '../../common/types.js';
import type { Notice } from '../../common/notice.js';

/** A proposal and the address as it is now (undefined while loading; null for a new place or a gone address). */
export type QueueItem = { proposal: Proposal; current: CodeLookup | null | undefined };
export type QueueForm = { id: string; mode: 'edit' | 'reject' | 'block'; form: EditForm; reason: string; error: Message | null };

export type QueueState = {
  loading: boolean;
  error: Message | null;
  items: QueueItem[];
  open: QueueForm | null;
  busy: string | null;
  notice: Notice<Message> | null;
};

export const initialQueue = (): QueueState => ({ loading: false, error: null, items: [], open: null, busy: null, notice: null });
