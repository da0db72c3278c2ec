/**
 * The search box: search-as-you-type (./search-box.ts), a picked result, and the form sent. A
 * code opens as a lookup (the place feature); a street, ward or province moves the map there.
 */
import { hasOnlyCodeCharacters, parseTypedCode } from '../../common/code.js';
import type { CodeRef } from '../../common/code.js';
import type { SearchResult } from '../../common/types.js';
import type { AppDeps } from '../../shell/panel-deps.js';
import { createSearchBox } from './search-box.js';
import { looksLikeCode, opensCode, SEARCH_LIMIT, zoomFor } from './search.js';

type Deps = Pick<AppDeps, 'api' | 'view' | 'setView' | 't' | 'announce' | 'setPath' | 'map' | 'flyTo'> & {
  input: HTMLInputElement;
  /** the line under the search box, for what a search could not find */
  message: HTMLElement;
  lookup(ref: CodeRef, typed: string): void;
  cancelLookup(): void;
};

export function createSearch(deps: Deps) {
  const { input, message } = deps;

  const box = createSearchBox({
    input,
    t: deps.t,
    search: (q, signal) => deps.api.search(q, { near: deps.map()?.center() ?? null, limit: SEARCH_LIMIT }, signal),
    onPick: (result) => pick(result),
    announce: deps.announce,
  });

  /** A result chosen in the search list: a code opens as a lookup; a street, ward or province moves the map there. */
  function pick(result: SearchResult) {
    message.textContent = '';
    if (opensCode(result)) {
      const ref = parseTypedCode(result.code);
      input.value = result.code;
      if (ref) deps.lookup(ref, result.code);
      return;
    }
    input.value = result.label;
    const v = deps.view();
    if (v.name === 'searching' || v.name === 'search-error') {
      // the failed code search is no longer what the user is after
      deps.cancelLookup();
      deps.setView({ name: 'home' });
      deps.setPath('/');
    }
    deps.flyTo({ lat: result.lat, lng: result.lng }, zoomFor(result.type));
    deps.announce(result.label);
  }

  /**
   * The search form sent (Enter without a highlighted result, or the button): text that reads as a
   * code is looked up as a code, as always; other text opens its first search result. Nothing
   * found, or the search failed: the code lookup, which says what is wrong with the text.
   */
  async function submit(typed: string) {
    const ref = parseTypedCode(typed);
    if (!ref) return;
    if (looksLikeCode(typed)) return void deps.lookup(ref, typed);
    const outcome = await box.submit(typed);
    if (outcome === 'failed' || (outcome === 'none' && hasOnlyCodeCharacters(ref.code))) deps.lookup(ref, typed);
    else if (outcome === 'none') message.textContent = deps.t('search.noResults', { text: typed });
  }

  return {
    submit,
    render: () => box.render(),
    cancel: () => box.cancel(),
    /** the code the user opened, shown corrected in the box */
    showTyped(code: string) {
      input.value = code;
    },
  };
}
