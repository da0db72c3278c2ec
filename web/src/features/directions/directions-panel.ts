/**
 * Directions from where the user is to the address: a way to travel (motorbike first), the road
 * route's length and time, and its steps in the UI's language. Where no road route can be had (a
 * point off the loaded road data, ends it does not connect, a failed request) the straight line
 * stands in, with its length and compass direction, and a sentence that says why.
 */
import { bearingDegrees, compassPoint, distanceMeters, formatDistance, formatDuration } from '../../common/geo.js';
import { ROUTE_PROFILES, type Route } from '../../common/types.js';
import { button, fact, h } from '../../common/dom.js';
import type { Ctx } from '../../shell/context.js';
import { heading } from '../../shell/simple-panels.js';
import { placePoint } from '../place/view.js';
import type { DirectionsView } from './view.js';

export function directionsPanel(ctx: Ctx, view: DirectionsView): Node[] {
  const { t, actions } = ctx;
  const nodes: Node[] = [heading(t('directions.title', { code: view.result.code })), profileChooser(ctx, view)];
  if (view.locating) nodes.push(h('p', { class: 'loading', attrs: { role: 'status' } }, t('directions.locating')));
  if (view.geoError) {
    nodes.push(
      h('p', { class: 'error', attrs: { role: 'alert' } }, t(view.geoError)),
      button(t('action.retry'), () => actions.locateForDirections(), 'primary'),
    );
  }
  if (view.from) {
    if (view.routing)
      nodes.push(h('p', { class: 'loading', id: 'directions-routing', attrs: { role: 'status' } }, t('directions.routing')));
    else if (view.route) nodes.push(...routeNodes(ctx, view.route));
    else if (view.routeError) nodes.push(...straightLineNodes(ctx, view));
  }
  nodes.push(button(t('directions.close'), () => actions.closeDirections(), 'secondary', { id: 'close-directions' }));
  return nodes;
}

/** Xe máy / Ô tô / Đi bộ: radio buttons (arrow keys move between them), drawn as one segmented control. */
function profileChooser({ t, actions }: Ctx, view: DirectionsView): Node {
  return h(
    'fieldset',
    { class: 'profiles' },
    h('legend', {}, t('directions.profile')),
    ...ROUTE_PROFILES.map((profile) =>
      h(
        'label',
        { class: 'profile-option' },
        h('input', {
          id: `profile-${profile}`,
          attrs: { type: 'radio', name: 'route-profile', value: profile, checked: profile === view.profile },
          on: { change: () => actions.setDirectionsProfile(profile) },
        }),
        h('span', {}, t(`profile.${profile}`)),
      ),
    ),
  );
}

function routeNodes({ t, lang }: Ctx, route: Route): Node[] {
  const duration = h(
    'dd',
    { class: 'fact-route-duration', attrs: { 'data-seconds': Math.round(route.duration) } },
    formatDuration(route.duration, lang),
  );
  return [
    h(
      'dl',
      { class: 'facts facts--route', attrs: { 'data-profile': route.profile } },
      ...fact(t('directions.routeDistance'), formatDistance(route.distance, lang), 'fact-route-distance'),
      h('dt', {}, t('directions.duration')),
      duration,
    ),
    h(
      'section',
      { class: 'steps', attrs: { 'aria-labelledby': 'steps-title' } },
      h('h3', { id: 'steps-title' }, t('directions.steps')),
      h(
        'ol',
        { class: 'steps-list', id: 'steps-list' },
        ...route.steps.map((step) =>
          h(
            'li',
            { class: `step step--${step.type}` },
            h('span', { class: 'step-text' }, lang === 'en' ? step.instructionEn : step.instruction),
            // the arrival has no length of its own
            step.distance >= 1 ? h('span', { class: 'step-distance' }, formatDistance(step.distance, lang)) : null,
          ),
        ),
      ),
      h('p', { class: 'hint' }, t('directions.source')),
    ),
  ];
}

/** No road route: why, and the straight line with its length and compass direction. */
function straightLineNodes({ t, say, lang, actions }: Ctx, view: DirectionsView): Node[] {
  const from = view.from!;
  const to = placePoint(view.result);
  const distance = formatDistance(distanceMeters(from, to), lang);
  const towards = compassPoint(bearingDegrees(from, to));
  const failure = view.routeError!;
  const key =
    failure.kind === 'off-network' ? 'directions.offNetwork' : failure.kind === 'no-route' ? 'directions.noRoute' : 'directions.failed';
  const nodes: Node[] = [h('p', { class: 'notice', id: 'directions-notice' }, t(key, { distance }))];
  if (failure.kind === 'failed') {
    nodes.push(
      h('p', { class: 'hint' }, say(failure.message)),
      button(t('action.retry'), () => actions.retryRoute(), 'secondary', { id: 'retry-route' }),
    );
  }
  nodes.push(
    h(
      'dl',
      { class: 'facts facts--route' },
      ...fact(t('directions.distance'), distance, 'fact-distance'),
      ...fact(t('directions.heading'), t(`compass.${towards}`), 'fact-heading'),
    ),
  );
  return nodes;
}
