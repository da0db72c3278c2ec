/**
 * Search-as-you-type under the search input: an ARIA 1.2 combobox (the input) with a listbox of
 * results. Typing asks the server after a short pause; a newer keystroke aborts the older request
 * and a sequence number drops any answer that still arrives late. Arrow keys move the highlight
 * (the focus stays in the input, aria-activedescendant names the option), Enter or a tap chooses,
 * Escape closes. A failed request just closes the list: the code lookup on Enter is untouched.
 * Every text of a result is set as text, never as HTML.
 */
import type { MessageKey, Vars } from '../../i18n/household.js';
import { MIN_QUERY_LENGTH, SEARCH_DEBOUNCE_MS, SEARCH_LIMIT, splitLabel, typeKey } from './search.js';
import type { SearchResult } from '../../common/types.js';
import { h } from '../../common/dom.js';

export type SearchBoxOptions = {
  input: HTMLInputElement;
  t(key: MessageKey, vars?: Vars): string;
  /** the request; the signal aborts it when the text changed meanwhile */
  search(q: string, signal: AbortSignal): Promise<SearchResult[]>;
  onPick(result: SearchResult): void;
  announce?(text: string): void;
};

/** What Enter without a highlighted result came to: the first result chosen, nothing found, a failed request, or newer typing. */
export type SubmitOutcome = 'picked' | 'none' | 'failed' | 'stale';

const LIST_ID = 'search-results';
const optionId = (i: number) => `search-option-${i}`;

export function createSearchBox({ input, t, search, onPick, announce }: SearchBoxOptions) {
  /** the results shown (or ready to show again) and the text they answer */
  let results: SearchResult[] = [];
  let query = '';
  let active = -1;
  let open = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | null = null;
  let seq = 0;

  const list = h('ul', { id: LIST_ID, class: 'search-results', attrs: { role: 'listbox', hidden: true } });
  input.after(list);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', LIST_ID);
  input.setAttribute('aria-expanded', 'false');

  const typed = () => input.value.trim();

  function render() {
    const shown = open && results.length > 0;
    list.hidden = !shown;
    list.setAttribute('aria-label', t('search.results'));
    input.setAttribute('aria-expanded', String(shown));
    if (shown && active >= 0) input.setAttribute('aria-activedescendant', optionId(active));
    else input.removeAttribute('aria-activedescendant');
    if (!shown) {
      list.replaceChildren();
      return;
    }
    list.replaceChildren(...results.map((result, i) => option(result, i)));
    fitToScreen();
    if (active >= 0) list.children[active]?.scrollIntoView({ block: 'nearest' });
  }

  /**
   * On a phone the keyboard covers the lower half of the screen without making the page shorter:
   * the list ends above it (the visual viewport), so that its last result can be scrolled into sight.
   */
  function fitToScreen() {
    const screen = window.visualViewport;
    const bottom = screen ? screen.offsetTop + screen.height : window.innerHeight;
    const room = Math.floor(bottom - list.getBoundingClientRect().top - 8);
    list.style.maxHeight = `min(26rem, ${Math.max(room, 144)}px)`;
  }

  function option(result: SearchResult, i: number): HTMLElement {
    const { main, rest } = splitLabel(result.label);
    return h(
      'li',
      {
        id: optionId(i),
        class: `search-option${i === active ? ' search-option--active' : ''}`,
        attrs: { role: 'option', 'aria-selected': String(i === active), 'data-type': result.type, 'data-code': result.code },
        on: {
          // keep the focus (and the phone's keyboard) in the input until the choice is made
          mousedown: (event) => event.preventDefault(),
          click: () => pick(result),
        },
      },
      h('span', { class: 'search-option-main', text: main }),
      h(
        'span',
        { class: 'search-option-meta' },
        h('span', { class: `search-tag search-tag--${result.type}`, text: t(typeKey(result.type)) }),
        rest ? h('span', { class: 'search-option-rest', text: rest }) : null,
      ),
      result.formerly ? h('span', { class: 'search-option-formerly', text: t('search.formerly', { name: result.formerly }) }) : null,
    );
  }

  /** Forgets the request under way and any that would follow. */
  function stopRequests() {
    clearTimeout(timer);
    timer = undefined;
    seq++;
    inFlight?.abort();
    inFlight = null;
  }

  function setOpen(next: boolean, highlight = -1) {
    open = next;
    active = next ? highlight : -1;
    render();
  }

  /** Asks the server; `show` opens the list with the answer (not when Enter is waiting for it). */
  async function run(q: string, show: boolean): Promise<{ status: 'ok'; results: SearchResult[] } | { status: 'failed' | 'stale' }> {
    stopRequests();
    const mine = seq;
    const controller = new AbortController();
    inFlight = controller;
    let answer: SearchResult[];
    try {
      answer = await search(q, controller.signal);
    } catch {
      if (mine !== seq) return { status: 'stale' };
      inFlight = null;
      results = [];
      query = '';
      setOpen(false);
      return { status: 'failed' };
    }
    if (mine !== seq) return { status: 'stale' };
    inFlight = null;
    if (typed() !== q) return { status: 'stale' };
    results = answer.slice(0, SEARCH_LIMIT);
    query = q;
    if (show) {
      setOpen(results.length > 0 && document.activeElement === input);
      if (open) announce?.(t('search.resultCount', { count: results.length }));
    }
    return { status: 'ok', results };
  }

  function onInput() {
    const q = typed();
    if (q.length < MIN_QUERY_LENGTH) {
      stopRequests();
      results = [];
      query = '';
      setOpen(false);
      return;
    }
    if (q === query && !timer && !inFlight) {
      // only spaces around it changed: the list answers it already
      setOpen(results.length > 0, active);
      return;
    }
    stopRequests(); // the answer to older text would come too late to be of use
    timer = setTimeout(() => {
      timer = undefined;
      void run(q, true);
    }, SEARCH_DEBOUNCE_MS);
  }

  function pick(result: SearchResult) {
    stopRequests();
    results = [];
    query = '';
    setOpen(false);
    onPick(result);
  }

  function move(step: 1 | -1) {
    const n = results.length;
    if (!open) {
      if (n && query === typed()) setOpen(true, step === 1 ? 0 : n - 1);
      else if (typed().length >= MIN_QUERY_LENGTH && !inFlight) void run(typed(), true);
      return;
    }
    setOpen(true, active === -1 ? (step === 1 ? 0 : n - 1) : (active + step + n) % n);
  }

  input.addEventListener('input', onInput);
  input.addEventListener('keydown', (event) => {
    if (event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return; // an IME's Vietnamese being composed
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        event.preventDefault();
        move(event.key === 'ArrowDown' ? 1 : -1);
        break;
      case 'Enter':
        if (open && active >= 0 && results[active]) {
          event.preventDefault(); // no form submit: the highlighted result is the choice
          pick(results[active]!);
        }
        break;
      case 'Escape':
        if (open) {
          event.preventDefault(); // a search input would clear itself
          setOpen(false);
        }
        break;
    }
  });
  input.addEventListener('blur', () => {
    if (open) setOpen(false);
  });
  window.visualViewport?.addEventListener('resize', () => {
    if (open && results.length) fitToScreen();
  });
  input.addEventListener('focus', () => {
    if (!open && results.length && query === typed()) setOpen(true);
  });

  return {
    /** Again in the current language. */
    render,
    /** Closes the list and forgets the results and any request under way (a code lookup starts). */
    cancel() {
      stopRequests();
      results = [];
      query = '';
      setOpen(false);
    },
    /**
     * Enter without a highlighted result, on text that is not a code: the first result of this
     * text, shown already or asked for now.
     */
    async submit(text: string): Promise<SubmitOutcome> {
      const q = text.trim();
      if (q.length < MIN_QUERY_LENGTH) return 'none';
      if (q === query && results.length && !timer && !inFlight) {
        pick(results[0]!);
        return 'picked';
      }
      const answer = await run(q, false);
      if (answer.status !== 'ok') return answer.status;
      if (!answer.results.length) {
        setOpen(false);
        return 'none';
      }
      pick(answer.results[0]!);
      return 'picked';
    },
  };
}
export type SearchBox = ReturnType<typeof createSearchBox>;
