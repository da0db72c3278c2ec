/**
 * What every panel of the console gets to draw with, and the small parts they share. Everything a
 * user or the API typed goes in as text (common/dom.ts); the controllers own the state and the actions.
 */
import type { Lang, Message, Translate } from '../i18n/console.js';
import type { ConsoleState } from './state.js';

export type PanelCtx = { t: Translate; say: (m: Message) => string; lang: Lang; state: ConsoleState };

export const formatNumber = (lang: Lang, n: number) => new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(n);
