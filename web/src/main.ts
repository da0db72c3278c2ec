/**
 * Entry point. The shell in index.html is already on screen; this wires it (language, search,
 * panel), opens the address named by the path (/{code}), and only then fetches the map code,
 * which is a separate, much larger download.
 */
import { createApi } from './common/api.js';
import { createController } from './app.js';
import { parseTypedCode } from './common/code.js';
import { pickLang, translate, type Lang, type MessageKey } from './i18n/household.js';
import './styles.css';

const LANG_KEY = 'lang';
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function storedLang(): Lang {
  try {
    return pickLang(localStorage.getItem(LANG_KEY));
  } catch {
    return 'vi'; // storage blocked (private mode on some phones)
  }
}

/** Static texts of the shell carry their dictionary key in data-i18n* attributes. */
function translateShell(lang: Lang) {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = translate(lang, el.dataset.i18n as MessageKey);
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n-label]'))
    el.setAttribute('aria-label', translate(lang, el.dataset.i18nLabel as MessageKey));
  for (const el of document.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]'))
    el.placeholder = translate(lang, el.dataset.i18nPlaceholder as MessageKey);
  // the switch is written in the language it switches to
  $('lang-switch').lang = lang === 'vi' ? 'en' : 'vi';
}

let lang = storedLang();
translateShell(lang);
const api = createApi();
const controller = createController(
  {
    panel: $('panel'),
    toast: $('toast'),
    announcer: $('announcer'),
    printCard: $('print-card'),
    searchInput: $<HTMLInputElement>('search-input'),
    searchMessage: $('search-message'),
    accountButton: $('account-button'),
  },
  api,
  lang,
);

$('lang-switch').addEventListener('click', () => {
  lang = lang === 'vi' ? 'en' : 'vi';
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // not remembered, still switched
  }
  translateShell(lang);
  $('search-message').textContent = '';
  controller.setLang(lang);
});

$<HTMLFormElement>('search').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = $<HTMLInputElement>('search-input');
  const typed = input.value.trim();
  const ref = parseTypedCode(typed);
  const message = $('search-message');
  message.textContent = ref ? '' : translate(lang, 'search.empty');
  // a code is looked up as before; other text (an address, a street, a ward) opens its first search result
  if (ref) controller.submitSearch(typed);
  else input.focus();
});

$('account-button').addEventListener('click', () => controller.actions.openAccount());

window.addEventListener('popstate', () => controller.openPath(location.pathname));
controller.openPath(location.pathname, { hash: location.hash });
void controller.loadUser();

async function loadMap() {
  const container = $('map');
  const status = container.querySelector('.map-status');
  try {
    // the external style of an operator, if any; the built-in one when /v1 is slow or says none
    const metaPromise = api.meta(AbortSignal.timeout(8000)).catch(() => null);
    const [{ createMapView }, meta] = await Promise.all([import('./map/map-view.js'), metaPromise]);
    const view = await createMapView({
      container,
      origin: location.origin,
      styleUrl: meta?.map?.styleUrl ?? null,
      strings: controller.mapStrings(),
      onTap: (point) => controller.onMapTap(point),
      onPinMoved: (point) => controller.onMapTap(point),
      onError: (error) => console.warn('map:', error), // a missing tile must not bother the user
    });
    status?.remove();
    container.dataset.state = 'ready';
    controller.attachMap(view);
  } catch (error) {
    console.error('map failed', error);
    container.dataset.state = 'failed';
    // a failed module download stays failed for this page: trying again means reloading it
    const text = Object.assign(document.createElement('span'), { textContent: translate(lang, 'map.failed') });
    text.dataset.i18n = 'map.failed';
    const retry = Object.assign(document.createElement('button'), {
      type: 'button',
      className: 'btn btn--secondary',
      textContent: translate(lang, 'action.retry'),
    });
    retry.dataset.i18n = 'action.retry';
    retry.addEventListener('click', () => location.reload());
    status?.replaceChildren(text, document.createElement('br'), retry);
  }
}
void loadMap();
