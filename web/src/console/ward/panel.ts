/** The ward's heading, the picker of the user's wards, and an admin's box for any ward code. */
import { h } from '../../common/dom.js';
import { selectField, textField } from '../../common/fields.js';
import type { PanelCtx } from '../view.js';
import type { WardController } from './controller.js';

export function wardHeader(ctx: PanelCtx, actions: WardController): Node[] {
  const { t, say, state } = ctx;
  const nodes: (Node | null)[] = [];
  const ward = state.ward;
  nodes.push(
    h(
      'h2',
      { class: 'panel-title ward-title', id: 'ward-title', attrs: { tabindex: -1 } },
      ward ? ward.fullName : state.wardCode ? t('console.loading') : t('console.ward'),
    ),
    ward
      ? h(
          'p',
          { class: 'hint ward-sub' },
          `${ward.province.name} · ${ward.code}${ward.postalCode ? ` · ${t('place.postalCode')} ${ward.postalCode}` : ''}`,
        )
      : null,
  );
  if (state.wards.length > 1) {
    nodes.push(
      selectField({
        id: 'ward-select',
        label: t('console.ward'),
        value: state.wardCode ?? '',
        options: state.wards.map((w) => ({ value: w.code, label: w.name ? `${w.name} (${w.code})` : w.code })),
        onInput: (code) => actions.chooseWard(code),
      }),
    );
  }
  if (state.user?.role === 'admin') {
    nodes.push(
      h(
        'form',
        {
          class: 'row admin-ward',
          on: {
            submit: (event) => {
              event.preventDefault();
              actions.openAdminWard();
            },
          },
        },
        textField({
          id: 'ward-code',
          label: t('console.wardCode'),
          value: state.adminWardInput,
          max: 5,
          attrs: { inputmode: 'numeric', pattern: '[0-9]{5}' },
          onInput: (v) => actions.setAdminWardInput(v),
        }),
        h('button', { class: 'btn btn--secondary', attrs: { type: 'submit' } }, t('console.wardOpen')),
      ),
    );
  }
  if (state.wardError) nodes.push(h('p', { class: 'error', attrs: { role: 'alert' } }, say(state.wardError)));
  return nodes.filter((n): n is Node => n !== null);
}
