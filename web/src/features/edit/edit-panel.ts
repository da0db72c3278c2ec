/**
 * Proposing an edit of a registered address: its details, its place name and kind, and its
 * entrance (the draggable pin). It carries the version shown, so a change made meanwhile by
 * someone else is never overwritten (409).
 */
import type { EditField } from '../../common/changes.js';
import type { MessageKey } from '../../i18n/household.js';
import { DETAIL_FIELDS } from '../../common/types.js';
import { button, h } from '../../common/dom.js';
import type { Ctx } from '../../shell/context.js';
import { categoryOptions, MAX_LENGTH } from '../../common/edit-form.js';
import { checkboxField, selectField, textField } from '../../common/fields.js';
import { bigCode, heading } from '../../shell/simple-panels.js';
import type { EditView } from './view.js';

export function editPanel(ctx: Ctx, view: EditView): Node[] {
  const { t, say, actions } = ctx;
  const errorOf = (field: string) => (view.fieldErrors[field] ? say(view.fieldErrors[field]) : null);
  const field = (name: EditField) =>
    textField({
      id: `edit-${name}`,
      label: t(`field.${name}` as MessageKey),
      value: view.form[name],
      max: MAX_LENGTH[name],
      multiline: name === 'note',
      error: errorOf(name),
      onInput: (value) => actions.setEditField(name, value),
    });
  const version = view.result.address?.version ?? 0;
  const form = h(
    'form',
    {
      id: 'edit-form',
      attrs: { novalidate: true },
      on: {
        submit: (event) => {
          event.preventDefault();
          if (!view.sending) actions.sendEdit();
        },
      },
    },
    h('fieldset', { class: 'group' }, h('legend', {}, t('edit.address')), ...DETAIL_FIELDS.map((name) => field(name))),
    h(
      'fieldset',
      { class: 'group' },
      h('legend', {}, t('edit.place')),
      field('placeName'),
      selectField({
        id: 'edit-category',
        label: t('field.category'),
        value: view.form.category,
        options: categoryOptions(t, 'field.categoryNone'),
        error: errorOf('category'),
        onInput: (value) => actions.setEditField('category', value),
      }),
    ),
    checkboxField({
      id: 'move-entrance',
      label: t('edit.move'),
      checked: view.moveEntrance,
      help: t('edit.moveHelp'),
      onChange: (move) => actions.setMoveEntrance(move),
    }),
    textField({
      id: 'edit-reason',
      label: t('edit.reason'),
      value: view.reason,
      max: MAX_LENGTH.reason,
      multiline: true,
      error: errorOf('reason'),
      onInput: (value) => actions.setEditField('reason', value),
    }),
    view.error ? h('p', { class: 'error', id: 'edit-error', attrs: { role: 'alert' } }, say(view.error)) : null,
  );
  const submit = h(
    'button',
    {
      class: 'btn btn--primary sticky-action',
      attrs: { type: 'submit', form: 'edit-form', id: 'send-edit', disabled: view.sending, 'aria-busy': view.sending ? 'true' : undefined },
    },
    view.sending ? t('edit.sending') : view.direct ? t('edit.save') : t('edit.send'),
  );
  return [
    heading(view.direct ? t('contrib.editOwn') : t('edit.title')),
    bigCode(ctx, view.result),
    h('p', { class: 'hint' }, t('edit.version', { version })),
    h('p', { class: 'lead' }, view.direct ? t('edit.introOwn') : t('edit.intro')),
    form,
    submit,
    button(t('edit.cancel'), () => actions.back(), 'quiet', { id: 'cancel-edit' }),
  ];
}
