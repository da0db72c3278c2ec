/**
 * A tiny element builder. Children that are strings become text nodes, so whatever a user or
 * the API typed is always shown as text, never parsed as HTML.
 */
type Child = Node | string | number | null | undefined | false;
type Props = {
  class?: string;
  id?: string;
  text?: string;
  attrs?: Record<string, string | number | boolean | null | undefined>;
  on?: Partial<{ [K in keyof HTMLElementEventMap]: (event: HTMLElementEventMap[K]) => void }>;
};

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.id) el.id = props.id;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [type, handler] of Object.entries(props.on ?? {})) el.addEventListener(type, handler as EventListener);
  if (props.text !== undefined) el.textContent = props.text;
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** A button of the app's kinds: primary, secondary or quiet; always type="button" unless given. */
export function button(
  label: string,
  onClick: (event: MouseEvent) => void,
  kind: 'primary' | 'secondary' | 'quiet' = 'secondary',
  attrs: Props['attrs'] = {},
) {
  return h('button', { class: `btn btn--${kind}`, attrs: { type: 'button', ...attrs }, on: { click: onClick } }, label);
}

/** A term and its value, for the facts of an address. Nothing is shown for an empty value. */
export function fact(term: string, value: string | null | undefined, valueClass = ''): Node[] {
  if (!value) return [];
  return [h('dt', {}, term), h('dd', { class: valueClass }, value)];
}
