/**
 * Directions, for now a straight line from where the user is to the address, with its length
 * and compass direction. The panel is laid out for a real route later: the steps list is there,
 * empty, under a notice that says so.
 */
import { bearingDegrees, compassPoint, distanceMeters, formatDistance } from '../geo.js';
import { button, fact, h } from './dom.js';
import type { Ctx } from './context.js';
import { heading } from './simple-panels.js';
import { placePoint, type View } from './state.js';

export function directionsPanel(ctx: Ctx, view: Extract<View, { name: 'directions' }>): Node[] {
  const { t, actions, lang } = ctx;
  const to = placePoint(view.result);
  const nodes: Node[] = [
    heading(t('directions.title', { code: view.result.code })),
    h('p', { class: 'notice', id: 'directions-notice' }, t('directions.notice')),
  ];
  if (view.locating) nodes.push(h('p', { class: 'loading', attrs: { role: 'status' } }, t('directions.locating')));
  if (view.geoError) {
    nodes.push(
      h('p', { class: 'error', attrs: { role: 'alert' } }, t(view.geoError)),
      button(t('action.retry'), () => actions.locateForDirections(), 'primary'),
    );
  }
  if (view.from) {
    const meters = distanceMeters(view.from, to);
    const towards = compassPoint(bearingDegrees(view.from, to));
    nodes.push(
      h(
        'dl',
        { class: 'facts facts--route' },
        ...fact(t('directions.distance'), formatDistance(meters, lang), 'fact-distance'),
        ...fact(t('directions.heading'), t(`compass.${towards}`), 'fact-heading'),
      ),
    );
  }
  nodes.push(
    h(
      'section',
      { class: 'steps', attrs: { 'aria-labelledby': 'steps-title' } },
      h('h3', { id: 'steps-title' }, t('directions.steps')),
      // filled by the routing service when it exists; until then one line says why it is empty
      h('ol', { class: 'steps-list', id: 'steps-list' }),
      h('p', { class: 'hint' }, t('directions.noSteps')),
    ),
    button(t('directions.close'), () => actions.closeDirections(), 'secondary', { id: 'close-directions' }),
  );
  return nodes;
}
