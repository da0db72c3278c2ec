/** The ward's numbers and its coverage shading, loaded with the ward and again after changes. */
import { apiErrorMessage } from '../../common/messages.js';
import { asApiError, type ConsoleDeps } from '../deps.js';

export function createStatsController(deps: ConsoleDeps & { current(seq: number): boolean }) {
  const { api, state, render, map, current } = deps;
  return {
    async loadCoverage(seq: number) {
      try {
        const coverage = await api.coverage(state.wardCode!);
        if (!current(seq)) return;
        state.coverage = coverage;
        map()?.setCoverage(coverage);
      } catch {
        // the map simply shows no coverage shading
      }
    },
    async load(seq: number) {
      try {
        const stats = await api.stats(state.wardCode!);
        if (!current(seq)) return;
        state.stats = stats;
        state.statsError = null;
      } catch (error) {
        if (current(seq)) state.statsError = apiErrorMessage(asApiError(error));
      }
      if (current(seq)) render();
    },
  };
}
export type StatsController = ReturnType<typeof createStatsController>;
