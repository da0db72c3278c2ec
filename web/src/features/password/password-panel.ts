/**
 * "Đổi mật khẩu" (signed in), "Quên mật khẩu?" (a link by e-mail) and the form a reset link opens.
 * After asking for a link the panel says the same whatever the address: the API does not tell
 * whether an account has it, and neither does the page.
 */
import { button, h } from '../../common/dom.js';
import type { Ctx } from '../../shell/context.js';
import { checkboxField, textField } from '../../common/fields.js';
import { heading } from '../../shell/simple-panels.js';
import type { PasswordView } from './view.js';

const TITLES = { change: 'password.changeTitle', forgot: 'password.forgotTitle', reset: 'password.resetTitle' } as const;

export function passwordPanel(ctx: Ctx, view: PasswordView): Node[] {
  const { t, say, actions } = ctx;
  const a = actions.password;
  const err = (field: string) => (view.fieldErrors[field] ? say(view.fieldErrors[field]!) : null);
  const passwordAttrs = (autocomplete: string) => ({ autocomplete, autocapitalize: 'off', spellcheck: 'false' });
  if (view.mode === 'forgot' && view.sent) {
    return [
      heading(t(TITLES.forgot)),
      h('p', { class: 'notice', id: 'password-sent', attrs: { role: 'status' } }, t('password.sent')),
      button(t('password.backToSignIn'), () => a.close(), 'secondary', { id: 'password-close' }),
    ];
  }
  const fields: (HTMLElement | null)[] =
    view.mode === 'forgot'
      ? [
          textField({
            id: 'password-email',
            label: t('password.email'),
            value: view.email,
            max: 254,
            help: t('password.forgotHelp'),
            error: err('email'),
            attrs: { autocomplete: 'email', inputmode: 'email', autocapitalize: 'off', spellcheck: 'false' },
            onInput: (v) => a.setField('email', v),
          }),
        ]
      : [
          view.mode === 'change'
            ? textField({
                id: 'password-current',
                label: t('password.current'),
                value: view.current,
                max: 200,
                type: view.showPassword ? 'text' : 'password',
                error: err('current'),
                attrs: passwordAttrs('current-password'),
                onInput: (v) => a.setField('current', v),
              })
            : null,
          textField({
            id: 'password-next',
            label: t('password.next'),
            value: view.next,
            max: 200,
            type: view.showPassword ? 'text' : 'password',
            help: t('password.nextHelp'),
            error: err('next'),
            attrs: passwordAttrs('new-password'),
            onInput: (v) => a.setField('next', v),
          }),
          checkboxField({
            id: 'password-show',
            label: t('account.showPassword'),
            checked: view.showPassword,
            onChange: (show) => a.setShowPassword(show),
          }),
        ];
  const form = h(
    'form',
    { id: 'password-form', attrs: { novalidate: true }, on: { submit: (event) => (event.preventDefault(), a.submit()) } },
    ...fields,
    view.error ? h('p', { class: 'error', id: 'password-error', attrs: { role: 'alert', tabindex: -1 } }, say(view.error)) : null,
    h(
      'button',
      {
        class: 'btn btn--primary btn--wide',
        attrs: {
          type: 'submit',
          id: 'password-submit',
          disabled: view.busy || (view.mode === 'reset' && !view.token),
          'aria-busy': view.busy ? 'true' : undefined,
        },
      },
      view.busy ? t('account.busy') : t(view.mode === 'forgot' ? 'password.sendLink' : 'password.save'),
    ),
  );
  const nodes: (HTMLElement | null)[] = [
    heading(t(TITLES[view.mode])),
    view.mode === 'change' ? h('p', { class: 'hint' }, t('password.changeHint')) : null,
    form,
    button(t('create.cancel'), () => a.close(), 'quiet', { id: 'password-close' }),
  ];
  return nodes.filter((n): n is HTMLElement => n !== null);
}
