/** The sign-in gate (or why a signed-in user may not use the console), and the user box of the top bar. */
import { button, h } from '../../common/dom.js';
import { checkboxField, textField } from '../../common/fields.js';
import type { User } from '../../common/types.js';
import type { Translate } from '../../i18n/console.js';
import type { PanelCtx } from '../view.js';
import type { SessionController } from './controller.js';

export function signInPanel(ctx: PanelCtx, actions: SessionController): Node[] {
  const { t, say, state } = ctx;
  const a = state.auth;
  if (state.user) {
    return [
      h('h2', { class: 'panel-title', attrs: { tabindex: -1 } }, t('console.signInTitle')),
      h(
        'p',
        { class: 'error', id: 'not-staff', attrs: { role: 'alert' } },
        t(state.user.role === 'staff' ? 'console.noWards' : 'console.notStaff'),
      ),
      button(t('account.signOut'), () => actions.signOut(), 'primary', { id: 'console-sign-out-panel' }),
    ];
  }
  const form = h(
    'form',
    {
      id: 'console-auth',
      attrs: { novalidate: true },
      on: {
        submit: (event) => {
          event.preventDefault();
          actions.signIn();
        },
      },
    },
    textField({
      id: 'auth-id',
      label: t('account.identifier'),
      value: a.identifier,
      max: 254,
      help: t('account.identifierHelp'),
      error: a.fieldErrors.identifier ? say(a.fieldErrors.identifier) : null,
      attrs: { autocomplete: 'username', autocapitalize: 'off', spellcheck: 'false' },
      onInput: (value) => actions.setAuthField('identifier', value),
    }),
    textField({
      id: 'auth-password',
      label: t('account.password'),
      value: a.password,
      type: a.showPassword ? 'text' : 'password',
      max: 200,
      error: a.fieldErrors.password ? say(a.fieldErrors.password) : null,
      attrs: { autocomplete: 'current-password', autocapitalize: 'off', spellcheck: 'false' },
      onInput: (value) => actions.setAuthField('password', value),
    }),
    checkboxField({
      id: 'auth-show',
      label: t('account.showPassword'),
      checked: a.showPassword,
      onChange: (show) => actions.setShowPassword(show),
    }),
    a.error ? h('p', { class: 'error', id: 'auth-error', attrs: { role: 'alert' } }, say(a.error)) : null,
    h(
      'button',
      { class: 'btn btn--primary btn--wide', attrs: { type: 'submit', id: 'auth-submit', disabled: a.busy } },
      a.busy ? t('account.busy') : t('account.submitSignIn'),
    ),
  );
  return [
    h('h2', { class: 'panel-title', attrs: { tabindex: -1 } }, t('console.signInTitle')),
    h('p', { class: 'lead' }, t('console.signInIntro')),
    form,
  ];
}

/** The top bar's user: who is signed in, and Sign out. */
export function userBox(box: HTMLElement, t: Translate, user: User | null, signOut: () => void) {
  box.replaceChildren();
  if (!user) return;
  const name = user.email ?? user.phone ?? '';
  const signOutButton = h(
    'button',
    { class: 'topbar-button', id: 'console-sign-out', attrs: { type: 'button' }, on: { click: signOut } },
    t('account.signOut'),
  );
  box.append(h('span', { class: 'console-user', attrs: { title: name } }, name), signOutButton);
}
