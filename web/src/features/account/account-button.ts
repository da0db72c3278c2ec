/**
 * The account button of the top bar: a person outline and "Đăng nhập" when signed out; a round
 * badge with the user's initial (and, where there is room, their e-mail or phone) when signed in.
 */
import { badgeLetter, displayName } from '../../common/account.js';
import type { Translate } from '../../i18n/household.js';
import type { User } from '../../common/types.js';
import { h } from '../../common/dom.js';

const SVG = 'http://www.w3.org/2000/svg';

function personIcon(): SVGSVGElement {
  const icon = document.createElementNS(SVG, 'svg');
  for (const [k, v] of Object.entries({ viewBox: '0 0 24 24', width: '22', height: '22', 'aria-hidden': 'true', focusable: 'false' }))
    icon.setAttribute(k, v);
  const head = document.createElementNS(SVG, 'circle');
  for (const [k, v] of Object.entries({ cx: '12', cy: '8', r: '4', fill: 'none', stroke: 'currentColor', 'stroke-width': '2' }))
    head.setAttribute(k, v);
  const body = document.createElementNS(SVG, 'path');
  for (const [k, v] of Object.entries({
    d: 'M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7',
    fill: 'none',
    stroke: 'currentColor',
    'stroke-width': '2',
    'stroke-linecap': 'round',
  }))
    body.setAttribute(k, v);
  icon.append(head, body);
  return icon;
}

export function renderAccountButton(button: HTMLElement, user: User | null, t: Translate) {
  if (user) {
    const name = displayName(user);
    button.replaceChildren(
      h('span', { class: 'account-badge', attrs: { 'aria-hidden': 'true' } }, badgeLetter(user)),
      h('span', { class: 'account-label' }, name),
    );
    button.setAttribute('aria-label', t('account.menu', { name }));
    button.title = name;
    button.dataset.state = 'signed-in';
  } else {
    button.replaceChildren(personIcon(), h('span', { class: 'account-label' }, t('account.signIn')));
    button.setAttribute('aria-label', t('account.signIn'));
    button.title = t('account.signIn');
    button.dataset.state = 'signed-out';
  }
}
