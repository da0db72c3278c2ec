/** Adding a place (a shop, a clinic, a school…) at the pin: a proposal the ward's staff review. */
import { formatLatLng } from '../../common/geo.js';
import type { MessageKey } from '../../i18n/household.js';
import { DETAIL_FIELDS } from '../../common/types.js';
import { button, h } from '../../common/dom.js';
import type { Ctx } from '../../shell/context.js';
import { categoryOptions, MAX_LENGTH } from '../../common/edit-form.js';
import { selectField, textField } from '../../common/fields.js';
import { heading } from '../../shell/simple-panels.js';
import type { AddPlaceView, PlaceForm } from './view.js';

export function addPlacePanel(ctx: Ctx, view: AddPlaceView): Node[] {
  const { t, say, actions } = ctx;
  if (view.done) {
    const { code, applied } = view.done;
    return [
      heading(t('addPlace.title')),
      h(
        'p',
        { class: applied ? 'success' : 'notice', id: 'place-sent', attrs: { role: 'status' } },
        t(applied ? 'addPlace.applied' : 'addPlace.pending', { code }),
      ),
      button(
        t('addPlace.open.code', { code }),
        () => actions.lookup({ code: code.split('/')[0]!, unit: code.split('/')[1] ?? null }, code),
        'secondary',
      ),
      button(t('addPlace.open'), () => actions.startAddPlace(null), 'secondary'),
      button(t('place.close'), () => actions.goHome(), 'quiet'),
    ];
  }
  const errorOf = (field: string) => (view.fieldErrors[field] ? say(view.fieldErrors[field]) : null);
  const field = (name: keyof PlaceForm, label: MessageKey, extra: { multiline?: boolean; help?: string } = {}) =>
    textField({
      id: `place-${name}`,
      label: t(label),
      value: view.form[name],
      max: name === 'unit' ? 6 : MAX_LENGTH[name],
      error: errorOf(name),
      onInput: (value) => actions.setPlaceField(name, value),
      ...extra,
      ...(name === 'unit' ? { attrs: { autocapitalize: 'characters', spellcheck: 'false' } } : {}),
    });
  const details = h(
    'details',
    { class: 'details-form', attrs: { open: view.detailsOpen } },
    h('summary', {}, t('create.details')),
    h('p', { class: 'hint' }, t('create.detailsHelp')),
    ...DETAIL_FIELDS.map((name) => field(name, `field.${name}`, { multiline: name === 'note' })),
    field('unit', 'field.unit', { help: t('field.unitHelp') }),
  );
  details.addEventListener('toggle', () => actions.setPlaceDetailsOpen(details.open));
  const form = h(
    'form',
    {
      id: 'place-form',
      attrs: { novalidate: true },
      on: {
        submit: (event) => {
          event.preventDefault();
          if (!view.sending) actions.sendPlace();
        },
      },
    },
    textField({
      id: 'place-name',
      label: t('field.placeName'),
      value: view.form.name,
      max: MAX_LENGTH.name,
      required: true,
      error: errorOf('name'),
      onInput: (value) => actions.setPlaceField('name', value),
    }),
    selectField({
      id: 'place-category',
      label: t('field.category'),
      value: view.form.category,
      required: true,
      options: categoryOptions(t, 'field.categoryChoose'),
      error: errorOf('category'),
      onInput: (value) => actions.setPlaceField('category', value),
    }),
    details,
    field('reason', 'edit.reason', { multiline: true }),
    view.error ? h('p', { class: 'error', id: 'place-error', attrs: { role: 'alert' } }, say(view.error)) : null,
  );
  return [
    heading(t('addPlace.title')),
    h('p', { class: 'lead' }, t('addPlace.intro')),
    view.point
      ? h('p', { class: 'coords' }, `${t('create.coords')}: `, h('span', { id: 'place-coords' }, formatLatLng(view.point)))
      : h('p', { class: 'notice', id: 'place-tap' }, t('addPlace.tapMap')),
    form,
    h(
      'button',
      {
        class: 'btn btn--primary sticky-action',
        attrs: {
          type: 'submit',
          form: 'place-form',
          id: 'send-place',
          disabled: view.sending,
          'aria-busy': view.sending ? 'true' : undefined,
        },
      },
      view.sending ? t('edit.sending') : t('addPlace.send'),
    ),
    button(t('create.cancel'), () => actions.back(), 'quiet'),
  ];
}
