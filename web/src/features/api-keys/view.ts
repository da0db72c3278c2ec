/** The view of this screen (the account's API keys): what the panel shows; the controller changes it. */
import type { Message } from '../../i18n/household.js';
import type { Notice } from '../../common/notice.js';
import type { View } from '../../shell/state.js';
import type { ApiKeyInfo, KeyScope, UsageDay } from '../../common/types.js';

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
  notice: Notice<Message> | null;
  /** one key's usage per day, shown under it */
  usage: { id: string; loading: boolean; error: Message | null; days: UsageDay[] | null } | null;
  /** where Back goes (what the account panel went back to) */
  back: View | null;
};
