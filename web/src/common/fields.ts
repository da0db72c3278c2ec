/** Labelled form fields, each with its hint and its error tied to it for screen readers. */
import { h } from './dom.js';

type FieldOptions = {
  id: string;
  label: string;
  value: string;
  max?: number;
  multiline?: boolean;
  help?: string | null;
  error?: string | null;
  type?: string;
  required?: boolean;
  attrs?: Record<string, string | number | boolean | null | undefined>;
  onInput: (value: string) => void;
};

const describedBy = (id: string, help: unknown, error: unknown) =>
  [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

function wrap(
  id: string,
  label: string,
  control: HTMLElement,
  help: string | null | undefined,
  error: string | null | undefined,
  extraClass = '',
) {
  return h(
    'div',
    { class: `field${error ? ' field--error' : ''}${extraClass}` },
    h('label', { attrs: { for: id } }, label),
    control,
    help ? h('p', { id: `${id}-help`, class: 'hint' }, help) : null,
    error ? h('p', { id: `${id}-error`, class: 'field-error' }, error) : null,
  );
}

export function textField(o: FieldOptions): HTMLElement {
  const attrs = {
    id: o.id,
    name: o.id,
    maxlength: o.max,
    required: o.required,
    'aria-invalid': o.error ? 'true' : undefined,
    'aria-describedby': describedBy(o.id, o.help, o.error),
    autocomplete: 'off',
    ...o.attrs,
  };
  const input = o.multiline ? h('textarea', { attrs: { ...attrs, rows: 2 } }) : h('input', { attrs: { type: o.type ?? 'text', ...attrs } });
  input.value = o.value;
  input.addEventListener('input', () => o.onInput(input.value));
  return wrap(o.id, o.label, input, o.help, o.error);
}

export function selectField(
  o: Omit<FieldOptions, 'max' | 'multiline' | 'type'> & { options: { value: string; label: string }[] },
): HTMLElement {
  const select = h(
    'select',
    {
      attrs: {
        id: o.id,
        name: o.id,
        required: o.required,
        'aria-invalid': o.error ? 'true' : undefined,
        'aria-describedby': describedBy(o.id, o.help, o.error),
        ...o.attrs,
      },
    },
    ...o.options.map((opt) => h('option', { attrs: { value: opt.value } }, opt.label)),
  );
  select.value = o.value;
  select.addEventListener('change', () => o.onInput(select.value));
  return wrap(o.id, o.label, select, o.help, o.error);
}

/** A checkbox with its label beside it, the whole row a touch target. */
export function checkboxField(o: {
  id: string;
  label: string;
  checked: boolean;
  help?: string | null;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}): HTMLElement {
  const input = h('input', {
    attrs: { type: 'checkbox', id: o.id, name: o.id, disabled: o.disabled, 'aria-describedby': o.help ? `${o.id}-help` : undefined },
  });
  input.checked = o.checked;
  input.addEventListener('change', () => o.onChange(input.checked));
  return h(
    'div',
    { class: 'field field--check' },
    h('label', { class: 'check', attrs: { for: o.id } }, input, h('span', {}, o.label)),
    o.help ? h('p', { id: `${o.id}-help`, class: 'hint' }, o.help) : null,
  );
}
