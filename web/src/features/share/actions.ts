/** Passing an address on: copy its code or link, the phone's share sheet, a gate card to print. */
import { copyText } from '../../common/clipboard.js';
import { splitApiCode } from '../../common/code.js';
import { printGateCard } from './print-card.js';
import type { CodeLookup } from '../../common/types.js';
import type { Ctx } from '../../shell/context.js';
import type { AppDeps } from '../../shell/panel-deps.js';
import { shareData } from './share.js';

export type ShareActions = {
  copy(text: string, done: string): void;
  share(result: CodeLookup): void;
  print(result: CodeLookup): void;
};

export function createShareActions(deps: Pick<AppDeps, 't' | 'toast'> & { ctx(): Ctx; printCard: HTMLElement }): ShareActions {
  const { t } = deps;
  return {
    copy: (text, done) => void copyText(text).then((ok) => deps.toast(ok ? done : t('copy.failed'))),
    share(result) {
      const data = shareData(location.origin, splitApiCode(result.code), t('share.text', { code: result.code }));
      navigator.share?.(data).catch(() => undefined); // cancelled by the user: nothing to say
    },
    print: (result) => void printGateCard(deps.ctx(), result, deps.printCard),
  };
}
