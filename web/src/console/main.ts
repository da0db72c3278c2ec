/**
 * Entry point of the commune console (/console): staff sign in, pick a ward, and review,
 * digitise, verify, import and export its addresses. The map code loads once a staff member
 * is signed in.
 */
import { pickLang, translate, type Lang, type MessageKey } from '../i18n/console.js';
import '../styles.css';
import './console.css';
import { createConsoleApi } from './api.js';
import { createConsole } from './app.js';

const LANG_KEY = 'lang';
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function storedLang(): Lang {
  try {
    return pickLang(localStorage.getItem(LANG_KEY));
  } catch {
    return 'vi';
  }
}

function translateShell(lang: Lang) {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = translate(lang, el.dataset.i18n as MessageKey);
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n-label]'))
    el.setAttribute('aria-label', translate(lang, el.dataset.i18nLabel as MessageKey));
  $('lang-switch').lang = lang === 'vi' ? 'en' : 'vi';
}

let lang = storedLang();
translateShell(lang);
// on a phone the legend starts folded: the map is small
if (window.matchMedia('(max-width: 599px)').matches) $<HTMLDetailsElement>('legend').open = false;
const api = createConsoleApi();
const mapContainer = $('console-map');
const controller = createConsole(
  { panel: $('console-panel'), status: $('console-status'), userBox: $('console-user-box'), mapContainer },
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
  controller.setLang(lang);
});

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && controller.onEscape()) {
    event.preventDefault();
    mapContainer.querySelector<HTMLElement>('canvas')?.focus();
  }
});

let mapLoading = false;
async function loadMap() {
  if (mapLoading) return;
  mapLoading = true;
  mapContainer.dataset.state = 'loading';
  const status = mapContainer.querySelector('.map-status');
  try {
    const { createConsoleMap } = await import('./map.js');
    const view = await createConsoleMap({
      container: mapContainer,
      origin: location.origin,
      label: controller.mapLabel(),
      onClick: (point, hit) => controller.onMapClick(point, hit),
      onError: (error) => console.warn('map:', error),
    });
    status?.remove();
    mapContainer.dataset.state = 'ready';
    controller.attachMap(view);
  } catch (error) {
    console.error('map failed', error);
    mapContainer.dataset.state = 'failed';
    if (status) status.textContent = translate(lang, 'map.failed');
  }
}

// the map comes with the first signed-in staff screen
new MutationObserver(() => {
  if (document.body.dataset.console === 'ready') void loadMap();
}).observe(document.body, { attributes: true, attributeFilter: ['data-console'] });

void controller.loadUser();
