/**
 * Signing in, signing up and out. One field takes the e-mail or the phone number; the session
 * itself is a cookie the page never reads. Signed in, it also lists the user's own proposals.
 */
import { displayName, hasConsole } from '../../common/account.js';
import { splitApiCode } from '../../common/code.js';
import type { MessageKey } from '../../i18n/household.js';
import { proposalSummary } from './my-proposals.js';
import { formatDateTime } from '../../common/time.js';
import type { Proposal } from '../../common/types.js';
import { button, h } from '../../common/dom.js';
import type { Ctx } from '../../shell/context.js';
import { checkboxField, textField } from '../../common/fields.js';
import { heading } from '../../shell/simple-panels.js';
import type { AccountView, MyProposals } from './view.js';

function myProposalItem(ctx: Ctx, p: Proposal): HTMLElement {
  const { t, lang, actions } = ctx;
  const code = p.code ?? '';
  return h(
    'li',
    {
      class: `my-proposal my-proposal--${p.status}`,
      attrs: { 'data-id': p.id, 'data-kind': p.kind, 'data-status': p.status, 'data-code': code || undefined },
    },
    h(
      'p',
      { class: 'my-proposal-head' },
      h('span', { class: `badge badge--${p.status} my-proposal-status` }, t(`mine.status.${p.status}` as MessageKey)),
      h('span', { class: 'my-proposal-kind' }, t(`queue.kind.${p.kind}` as MessageKey)),
    ),
    code
      ? button(code, () => actions.lookup(splitApiCode(code), code), 'secondary', {
          class: 'btn btn--secondary code-button my-proposal-code',
          'aria-label': t('mine.open', { code }),
        })
      : null,
    h('p', { class: 'my-proposal-summary' }, proposalSummary(p, t)),
    h(
      'p',
      { class: 'hint my-proposal-time' },
      h('time', { attrs: { datetime: p.createdAt } }, t('mine.sent', { time: formatDateTime(p.createdAt, lang) })),
    ),
    p.status === 'rejected' && p.reason
      ? h('p', { class: 'error my-proposal-reason' }, t('mine.rejectReason', { reason: p.reason }))
      : null,
  );
}

function myProposals(ctx: Ctx, mine: MyProposals | null | undefined): HTMLElement {
  const { t, say, actions } = ctx;
  const list = mine?.proposals ?? null;
  return h(
    'section',
    {
      class: 'my-proposals',
      id: 'my-proposals',
      attrs: { 'aria-labelledby': 'my-proposals-title', 'aria-busy': mine?.loading ? 'true' : undefined },
    },
    h('h3', { id: 'my-proposals-title' }, t('mine.title')),
    !mine || (mine.loading && !list) ? h('p', { class: 'loading', attrs: { role: 'status' } }, t('mine.loading')) : null,
    mine?.error ? h('p', { class: 'error', id: 'my-proposals-error', attrs: { role: 'alert' } }, say(mine.error)) : null,
    mine?.error ? button(t('mine.retry'), () => actions.reloadMyProposals(), 'secondary', { id: 'my-proposals-retry' }) : null,
    list && list.length === 0 ? h('p', { class: 'hint', id: 'my-proposals-empty' }, t('mine.empty')) : null,
    list && list.length
      ? h(
          'ol',
          { class: 'my-proposal-list', attrs: { 'aria-labelledby': 'my-proposals-title' } },
          ...list.map((p) => myProposalItem(ctx, p)),
        )
      : null,
  );
}

export function accountPanel(ctx: Ctx, view: AccountView): Node[] {
  const { t, say, actions, user } = ctx;
  if (user) {
    const nodes: (HTMLElement | null)[] = [
      heading(t('account.title')),
      h('p', { id: 'signed-in-as' }, t('account.signedInAs', { name: displayName(user) })),
      h('p', { class: 'hint' }, t('account.role', { role: t(`account.role.${user.role}`) })),
      user.blocked ? h('p', { class: 'error' }, t('account.blocked')) : null,
      hasConsole(user)
        ? h('a', { class: 'btn btn--secondary', attrs: { href: '/console', id: 'open-console' } }, t('account.console'))
        : null,
      button(t('account.signOut'), () => actions.signOut(), 'primary', { id: 'sign-out' }),
      button(t('password.change'), () => actions.password.openChange(), 'secondary', { id: 'change-password' }),
      user.blocked
        ? null
        : h(
            'div',
            { class: 'account-keys' },
            button(t('account.apiKeys'), () => actions.keys.open(), 'secondary', {
              id: 'open-api-keys',
              'aria-describedby': 'api-keys-help',
            }),
            h('p', { class: 'hint', id: 'api-keys-help' }, t('account.apiKeysHelp')),
          ),
      myProposals(ctx, view.mine),
      button(t('place.close'), () => actions.back(), 'quiet'),
    ];
    return nodes.filter((n): n is HTMLElement => n !== null);
  }
  const signup = view.mode === 'signup';
  const form = h(
    'form',
    {
      id: 'auth-form',
      attrs: { novalidate: true },
      on: {
        submit: (event) => {
          event.preventDefault();
          actions.submitAuth();
        },
      },
    },
    textField({
      id: 'auth-id',
      label: t('account.identifier'),
      value: view.identifier,
      max: 254,
      help: t('account.identifierHelp'),
      error: view.fieldErrors.identifier ? say(view.fieldErrors.identifier) : null,
      attrs: { autocomplete: 'username', inputmode: 'email', autocapitalize: 'off', spellcheck: 'false' },
      onInput: (value) => actions.setAuthField('identifier', value),
    }),
    textField({
      id: 'auth-password',
      label: t('account.password'),
      value: view.password,
      type: view.showPassword ? 'text' : 'password',
      max: 200,
      help: signup ? t('account.passwordHelp') : null,
      error: view.fieldErrors.password ? say(view.fieldErrors.password) : null,
      attrs: { autocomplete: signup ? 'new-password' : 'current-password', autocapitalize: 'off', spellcheck: 'false' },
      onInput: (value) => actions.setAuthField('password', value),
    }),
    checkboxField({
      id: 'auth-show',
      label: t('account.showPassword'),
      checked: view.showPassword,
      onChange: (show) => actions.setShowPassword(show),
    }),
    view.error ? h('p', { class: 'error', id: 'auth-error', attrs: { role: 'alert' } }, say(view.error)) : null,
    signup ? null : button(t('password.forgot'), () => actions.password.openForgot(), 'quiet', { id: 'forgot-password' }),
    h(
      'button',
      {
        class: 'btn btn--primary btn--wide',
        attrs: { type: 'submit', id: 'auth-submit', disabled: view.busy, 'aria-busy': view.busy ? 'true' : undefined },
      },
      view.busy ? t('account.busy') : signup ? t('account.submitSignUp') : t('account.submitSignIn'),
    ),
  );
  return [
    heading(signup ? t('account.signUpTitle') : t('account.signInTitle')),
    view.notice
      ? h('p', { class: 'notice', id: 'auth-notice', attrs: { role: 'status' } }, say(view.notice))
      : view.reason
        ? h('p', { class: 'notice', id: 'auth-reason' }, t(view.reason))
        : h('p', { class: 'lead' }, t('account.why')),
    form,
    button(signup ? t('account.toSignIn') : t('account.toSignUp'), () => actions.switchAuthMode(), 'secondary', { id: 'auth-switch' }),
    button(t('create.cancel'), () => actions.back(), 'quiet'),
  ];
}
