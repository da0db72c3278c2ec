/** The view of this screen (the versions of an address): what the panel shows; the controller changes it. */
import type { Message } from '../../i18n/household.js';
import type { CodeLookup, History } from '../../common/types.js';
import type { Notice } from '../../common/notice.js';

export type HistoryView = {
  name: 'history';
  result: CodeLookup;
  history: History | null;
  loading: boolean;
  error: Message | null;
  /** the version being restored */
  restoring: number | null;
  notice: Notice<Message> | null;
};
