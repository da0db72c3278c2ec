/**
 * The console's state: one object, each part declared by its feature's folder, changed by the
 * feature controllers and drawn by their panels.
 */
import { initialDigitise, type DigitiseState } from './digitise/state.js';
import { initialImport, type ImportState } from './import/state.js';
import { initialQueue, type QueueState } from './queue/state.js';
import { initialSession, type SessionState } from './session/state.js';
import { initialStats, type StatsState } from './stats/state.js';
import type { Tab } from './tabs.js';
import { initialVerify, type VerifyState } from './verify/state.js';
import { initialWard, type WardState } from './ward/state.js';

export type ConsoleState = SessionState &
  WardState &
  StatsState &
  VerifyState & {
    tab: Tab;
    queue: QueueState;
    digitise: DigitiseState;
    import: ImportState;
  };

export function initialState(): ConsoleState {
  return {
    ...initialSession(),
    ...initialWard(),
    ...initialStats(),
    ...initialVerify(),
    tab: 'queue',
    queue: initialQueue(),
    digitise: initialDigitise(),
    import: initialImport(),
  };
}
