/** The view of this screen (signing in, and the signed-in account): what the panel shows; the controller changes it. */
import type { Message } from '../../i18n/household.js';
import type { Proposal } from '../../common/types.js';
import type { MessageKey } from '../../i18n/household.js';
import type { View } from '../../shell/state.js';

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
