/**
 * The home screen and the states of a search (loading, or a mistake with suggestions), and the
 * parts several screens' panels share.
 */
import { formatRef, parseTypedCode, spokenCode } from '../common/code.js';
import type { CodeLookup } from '../common/types.js';
import { button, h } from '../common/dom.js';
import type { Ctx } from './context.js';
import type { View } from './state.js';

/** The code in large type (and its unit): the top of the place, edit and history panels. */
export function bigCode(ctx: Ctx, result: CodeLookup): HTMLElement {
  const [code, unit] = result.code.split('/');
  return h(
    'div',
    { class: 'code-block' },
    h('p', { class: 'code code--big', id: 'big-code', attrs: { 'aria-label': spokenCode(result.code) } }, code ?? ''),
    unit ? h('p', { class: 'code-unit' }, `${ctx.t('place.unit')}: `, h('span', { class: 'code' }, unit)) : null,
  );
}

export const heading = (text: string) => h('h2', { class: 'panel-title', attrs: { tabindex: -1 } }, text);

export function homePanel({ t, actions }: Ctx): Node[] {
  return [
    heading(t('home.title')),
    h('p', { class: 'lead' }, t('home.intro')),
    h(
      'div',
      { class: 'row home-actions' },
      button(t('home.create'), () => actions.startCreate(), 'primary', { id: 'start-create' }),
      button(t('addPlace.open'), () => actions.startAddPlace(null), 'secondary', { id: 'start-add-place' }),
    ),
    button(t('batch.open'), () => actions.openBatch(), 'quiet', { id: 'open-batch' }),
  ];
}

export function searchingPanel({ t }: Ctx, view: Extract<View, { name: 'searching' }>): Node[] {
  return [heading(formatRef(view.ref)), h('p', { class: 'loading', attrs: { role: 'status' } }, t('search.searching'))];
}

export function searchErrorPanel({ t, say, actions }: Ctx, view: Extract<View, { name: 'search-error' }>): Node[] {
  const retryable = ['error.network', 'error.timeout', 'error.server', 'error.unavailable'].includes(view.message.key);
  const nodes: Node[] = [heading(formatRef(view.ref)), h('p', { class: 'error', attrs: { role: 'alert' } }, say(view.message))];
  if (view.suggestions.length) {
    nodes.push(
      h('p', { id: 'suggestions-label' }, t('search.didYouMean')),
      h(
        'ul',
        { class: 'suggestions', attrs: { 'aria-labelledby': 'suggestions-label' } },
        ...view.suggestions.map((code) =>
          h(
            'li',
            {},
            button(code, () => actions.lookup(parseTypedCode(code)!, code), 'secondary', { class: 'btn btn--secondary code-button' }),
          ),
        ),
      ),
    );
  } else if (view.message.key === 'error.code.check') {
    nodes.push(h('p', {}, t('search.noSuggestion')));
  }
  if (retryable) nodes.push(button(t('action.retry'), () => actions.lookup(view.ref, view.typed), 'primary'));
  nodes.push(button(t('place.close'), () => actions.goHome(), 'quiet'));
  return nodes;
}
