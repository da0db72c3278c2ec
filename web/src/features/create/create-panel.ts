/**
 * Creating an address code: choose the spot (phone location or a tap on the map), nudge the pin
 * onto the gate, optionally describe the place, register.
 */
import { formatDistance, formatLatLng } from '../../common/geo.js';
import type { MessageKey } from '../../i18n/household.js';
import type { FieldName } from '../../common/messages.js';
import { button, h } from '../../common/dom.js';
import type { Ctx } from '../../shell/context.js';
import { heading } from '../../shell/simple-panels.js';
import type { CreateView } from './view.js';

type FieldSpec = { name: FieldName; label: MessageKey; max: number; multiline?: boolean; help?: MessageKey };

/** Same limits as the API (server/addresses/schemas.ts), so a long text is stopped while typing. */
const FIELDS: FieldSpec[] = [
  { name: 'houseNumber', label: 'field.houseNumber', max: 50 },
  { name: 'street', label: 'field.street', max: 200 },
  { name: 'hamlet', label: 'field.hamlet', max: 200 },
  { name: 'building', label: 'field.building', max: 200 },
  { name: 'unit', label: 'field.unit', max: 6, help: 'field.unitHelp' },
  { name: 'landmark', label: 'field.landmark', max: 200 },
  { name: 'note', label: 'field.note', max: 500, multiline: true },
];

function field(ctx: Ctx, view: CreateView, spec: FieldSpec): HTMLElement {
  const id = `field-${spec.name}`;
  const error = view.fieldErrors[spec.name];
  const describedBy = [spec.help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const attrs = {
    id,
    name: spec.name,
    maxlength: spec.max,
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': describedBy,
    autocomplete: 'off',
    ...(spec.name === 'unit' ? { autocapitalize: 'characters', spellcheck: 'false', pattern: '[A-Za-z0-9]{1,6}' } : {}),
  };
  const input = spec.multiline ? h('textarea', { attrs: { ...attrs, rows: 2 } }) : h('input', { attrs: { ...attrs, type: 'text' } });
  input.value = view.form[spec.name];
  input.addEventListener('input', () => ctx.actions.updateField(spec.name, input.value));
  return h(
    'div',
    { class: `field${error ? ' field--error' : ''}` },
    h('label', { attrs: { for: id } }, ctx.t(spec.label)),
    input,
    spec.help ? h('p', { id: `${id}-help`, class: 'hint' }, ctx.t(spec.help)) : null,
    error ? h('p', { id: `${id}-error`, class: 'field-error' }, ctx.say(error)) : null,
  );
}

function locationButton({ t, actions }: Ctx, view: CreateView, kind: 'primary' | 'secondary') {
  return button(view.locating ? t('create.locating') : t('create.useLocation'), () => actions.useMyLocation(), kind, {
    id: 'use-location',
    disabled: view.locating,
    'aria-busy': view.locating ? 'true' : undefined,
  });
}

export function createPanel(ctx: Ctx, view: CreateView): Node[] {
  const { t, say, actions, lang } = ctx;
  const nodes: Node[] = [heading(t('create.title'))];
  const geoError = view.geoError ? h('p', { class: 'error', attrs: { role: 'alert' } }, t(view.geoError)) : null;

  if (!view.point) {
    nodes.push(locationButton(ctx, view, 'primary'), h('p', { class: 'hint' }, t('create.orTap')));
    if (geoError) nodes.push(geoError);
    nodes.push(button(t('create.cancel'), () => actions.goHome(), 'quiet'));
    return nodes;
  }

  const preview = h('div', { class: 'preview' });
  if (view.encoding) preview.append(h('p', { class: 'loading' }, t('create.encoding')));
  else if (view.preview) {
    preview.append(
      h(
        'p',
        { class: 'preview-line' },
        `${t('create.preview')}: `,
        h('span', { class: 'code code--medium', id: 'preview-code' }, view.preview.code),
      ),
    );
  }
  if (view.encodeError) {
    preview.append(h('p', { class: 'error', attrs: { role: 'alert' } }, say(view.encodeError)));
    if (view.encodeError.key !== 'error.outside') preview.append(button(t('action.retry'), () => actions.retryEncode(), 'secondary'));
  }
  nodes.push(preview);
  nodes.push(h('p', { class: 'coords' }, `${t('create.coords')}: `, h('span', { id: 'point-coords' }, formatLatLng(view.point))));
  if (view.accuracy !== null && view.accuracy >= 1)
    nodes.push(h('p', { class: 'hint' }, t('create.accuracy', { distance: formatDistance(view.accuracy, lang) })));
  nodes.push(h('p', { class: 'hint hint--strong' }, t('create.dragHint')));
  if (geoError) nodes.push(geoError);

  const details = h(
    'details',
    { class: 'details-form', attrs: { open: view.detailsOpen } },
    h('summary', {}, t('create.details')),
    h('p', { class: 'hint' }, t('create.detailsHelp')),
    ...FIELDS.map((spec) => field(ctx, view, spec)),
  );
  details.addEventListener('toggle', () => actions.setDetailsOpen(details.open));

  const canRegister = Boolean(view.preview) && !view.encoding && !view.registering && !view.encodeError;
  const form = h(
    'form',
    {
      id: 'create-form',
      attrs: { novalidate: true },
      on: {
        submit: (event) => {
          event.preventDefault();
          if (canRegister) actions.register();
        },
      },
    },
    details,
    view.registerError ? h('p', { class: 'error', attrs: { role: 'alert' } }, say(view.registerError)) : null,
  );
  // outside the form (form="create-form") so that it can stay in sight at the bottom of the panel
  const submit = h(
    'button',
    {
      class: 'btn btn--primary sticky-action',
      attrs: {
        type: 'submit',
        form: 'create-form',
        id: 'register',
        disabled: !canRegister,
        'aria-busy': view.registering ? 'true' : undefined,
      },
    },
    view.registering ? t('create.registering') : t('create.register'),
  );
  nodes.push(
    form,
    submit,
    h(
      'div',
      { class: 'row' },
      locationButton(ctx, view, 'secondary'),
      button(t('create.cancel'), () => actions.goHome(), 'quiet'),
    ),
    button(t('addPlace.openHere'), () => actions.startAddPlace(view.point), 'quiet', { id: 'add-place-here' }),
  );
  return nodes;
}
