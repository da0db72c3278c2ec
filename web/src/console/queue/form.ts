/**
 * The form under a proposal: its fields to edit before approving (the household's field limits
 * and categories), or the reason of a rejection or a block.
 */
import { DETAIL_FIELDS } from '../../common/types.js';
import { button, h } from '../../common/dom.js';
import { categoryOptions, MAX_LENGTH } from '../../common/edit-form.js';
import { selectField, textField } from '../../common/fields.js';
import type { PanelCtx } from '../view.js';
import type { QueueController } from './controller.js';
import type { QueueItem } from './state.js';

export function queueForm(ctx: PanelCtx, actions: QueueController, item: QueueItem): HTMLElement | null {
  const { t, say, state } = ctx;
  const open = state.queue.open;
  if (!open || open.id !== item.proposal.id) return null;
  const busy = state.queue.busy === item.proposal.id;
  const submitLabel =
    open.mode === 'edit' ? t('queue.approveEdited') : open.mode === 'reject' ? t('queue.rejectSend') : t('queue.blockSend');
  const fields: Node[] = [];
  if (open.mode === 'edit') {
    if (item.proposal.kind !== 'new_place') {
      fields.push(
        textField({
          id: `qf-placeName`,
          label: t('field.placeName'),
          value: open.form.placeName,
          max: MAX_LENGTH.placeName,
          onInput: (v) => actions.setQueueField('placeName', v),
        }),
      );
    }
    fields.push(
      selectField({
        id: 'qf-category',
        label: t('field.category'),
        value: open.form.category,
        options: categoryOptions(t, item.proposal.kind === 'new_place' ? 'field.categoryChoose' : 'field.categoryNone'),
        onInput: (v) => actions.setQueueField('category', v),
      }),
      ...DETAIL_FIELDS.map((f) =>
        textField({
          id: `qf-${f}`,
          label: t(`field.${f}`),
          value: open.form[f],
          max: MAX_LENGTH[f],
          multiline: f === 'note',
          onInput: (v) => actions.setQueueField(f, v),
        }),
      ),
    );
  } else {
    fields.push(
      textField({
        id: 'qf-reason',
        label: t(open.mode === 'reject' ? 'queue.rejectReason' : 'queue.blockReason'),
        value: open.reason,
        max: 500,
        multiline: true,
        required: true,
        onInput: (v) => actions.setQueueField('reason', v),
      }),
    );
  }
  return h(
    'form',
    {
      class: `queue-form queue-form--${open.mode}`,
      id: 'queue-form',
      attrs: { novalidate: true },
      on: {
        submit: (event) => {
          event.preventDefault();
          actions.submitQueueForm();
        },
      },
    },
    ...fields,
    open.error ? h('p', { class: 'error', attrs: { role: 'alert' } }, say(open.error)) : null,
    h(
      'div',
      { class: 'row' },
      h(
        'button',
        {
          class: `btn ${open.mode === 'edit' ? 'btn--primary' : 'btn--danger'}`,
          attrs: { type: 'submit', id: 'queue-form-submit', disabled: busy },
        },
        submitLabel,
      ),
      button(t('queue.cancel'), () => actions.closeQueueForm(), 'quiet'),
    ),
  );
}
