/** The inline editor of fast digitising, which the map shows on the spot clicked. */
import type { Translate } from '../../i18n/console.js';
import { h } from '../../common/dom.js';

export type DigitiseEditor = {
  element: HTMLElement;
  input: HTMLInputElement;
  setBusy(busy: boolean): void;
  setError(text: string | null): void;
};

/** The inline editor on the map: house number, Enter to save, Esc to cancel. */
export function digitiseEditor(
  t: Translate,
  street: string,
  handlers: { onSave: (houseNumber: string) => void; onCancel: () => void },
): DigitiseEditor {
  const input = h('input', {
    id: 'digitise-number',
    attrs: {
      type: 'text',
      maxlength: 50,
      autocomplete: 'off',
      inputmode: 'text',
      enterkeyhint: 'done',
      'aria-describedby': 'digitise-number-hint digitise-number-error',
    },
  });
  const error = h('p', { class: 'field-error', id: 'digitise-number-error', attrs: { role: 'alert' } });
  const save = h('button', { class: 'btn btn--primary', attrs: { type: 'submit' } }, t('digitise.save'));
  const form = h(
    'form',
    {
      class: 'digitise-form',
      attrs: { novalidate: true },
      on: {
        submit: (event) => {
          event.preventDefault();
          handlers.onSave(input.value);
        },
      },
    },
    h('label', { attrs: { for: 'digitise-number' } }, t('digitise.houseNumber')),
    h('div', { class: 'digitise-row' }, input, save),
    h('p', { class: 'hint', id: 'digitise-number-hint' }, street ? `${t('field.street')}: ${street}` : t('digitise.help')),
    error,
  );
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      handlers.onCancel();
    }
  });
  return {
    element: form,
    input,
    setBusy(busy) {
      input.readOnly = busy;
      save.disabled = busy;
      save.textContent = busy ? t('digitise.saving') : t('digitise.save');
    },
    setError(text) {
      error.textContent = text ?? '';
    },
  };
}
