/** Fast digitising: clicks on the map register houses on one street. */
import type { Message } from '../../i18n/console.js';
import type { Notice } from '../../common/notice.js';

export type DigitiseState = { on: boolean; street: string; count: number; saving: boolean; notice: Notice<Message> | null };

export const initialDigitise = (): DigitiseState => ({ on: false, street: '', count: 0, saving: false, notice: null });
