/** The ward's numbers, and its coverage hexagons (the map's shading). */
import type { Message } from '../../i18n/console.js';
import type { CoverageCollection, WardStats } from '../api.js';

export type StatsState = { coverage: CoverageCollection | null; stats: WardStats | null; statsError: Message | null };

export const initialStats = (): StatsState => ({ coverage: null, stats: null, statsError: null });
