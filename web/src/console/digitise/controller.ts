/**
 * Fast digitising: with the switch on, a click inside the ward opens the inline editor there;
 * its house number (on the street typed in the tab) registers a verified address. A click outside
 * the boundary says so instead.
 */
import { cleanDetails } from '../../common/api.js';
import type { LatLng } from '../../common/geo.js';
import { anyFieldErrors, apiErrorMessage } from '../../common/messages.js';
import type { AddressFeature } from '../api.js';
import { asApiError, type ConsoleDeps } from '../deps.js';
import { contains } from '../geometry.js';
import { featureOf } from '../ward/features.js';
import { digitiseEditor, type DigitiseEditor } from './editor.js';

export function createDigitiseController(
  deps: ConsoleDeps & {
    upsertFeature(feature: AddressFeature): void;
    refreshSoon(delay?: number): void;
  },
) {
  const { api, state, render, announce, t, say, map } = deps;
  let editor: DigitiseEditor | null = null;
  const focusMap = (options?: FocusOptions) => deps.shell.mapContainer.querySelector<HTMLElement>('canvas')?.focus(options);

  function closeEditor() {
    editor = null;
    map()?.closeEditor();
  }

  function openEditor(point: LatLng) {
    const view = map();
    if (!view) return;
    const ed = digitiseEditor(t, state.digitise.street.trim(), {
      onSave: (houseNumber) => void save(point, houseNumber, ed),
      onCancel: () => {
        closeEditor();
        focusMap();
      },
    });
    editor = ed;
    view.openEditor(point, ed.element);
    requestAnimationFrame(() => ed.input.focus());
  }

  async function save(point: LatLng, houseNumberTyped: string, ed: DigitiseEditor) {
    if (state.digitise.saving) return;
    const houseNumber = houseNumberTyped.trim();
    if (!houseNumber) {
      ed.setError(t('digitise.needNumber'));
      ed.input.focus();
      return;
    }
    state.digitise.saving = true;
    ed.setBusy(true);
    ed.setError(null);
    try {
      const details = cleanDetails({ houseNumber, street: state.digitise.street });
      const { created, result } = await api.register({ lat: point.lat, lng: point.lng, ...(details ? { details } : {}) });
      const feature = featureOf(result);
      if (feature) deps.upsertFeature(feature);
      if (created) state.digitise.count += 1;
      state.digitise.notice = {
        tone: created ? 'success' : 'notice',
        message: { key: created ? 'digitise.created' : 'digitise.exists', vars: { code: result.code } },
      };
      announce(say(state.digitise.notice.message));
      if (editor === ed) {
        closeEditor();
        focusMap({ preventScroll: true });
      }
      deps.refreshSoon();
      render();
    } catch (error) {
      const e = asApiError(error);
      const fields = anyFieldErrors(e);
      const first = Object.values(fields)[0];
      ed.setError(say(first ?? apiErrorMessage(e)));
      ed.setBusy(false);
      ed.input.focus();
    } finally {
      state.digitise.saving = false;
    }
  }

  return {
    closeEditor,
    /** Another tab: digitising stops. */
    stop() {
      if (!state.digitise.on) return;
      state.digitise.on = false;
      closeEditor();
      map()?.setDigitising(false);
    },
    toggleDigitise() {
      state.digitise.on = !state.digitise.on;
      if (!state.digitise.on) closeEditor();
      map()?.setDigitising(state.digitise.on);
      state.digitise.notice = null;
      render();
    },
    setStreet(value: string) {
      state.digitise.street = value;
    },
    /** A click on the map while digitising: the editor there, if it is inside the ward. */
    clickAt(point: LatLng) {
      if (state.ward?.geometry && !contains(state.ward.geometry, point)) {
        closeEditor();
        state.digitise.notice = { tone: 'error', message: { key: 'digitise.outside' } };
        announce(t('digitise.outside'));
        render();
        return;
      }
      state.digitise.notice = null;
      openEditor(point);
    },
    /** Esc anywhere closes the inline editor. */
    onEscape() {
      if (!editor) return false;
      closeEditor();
      return true;
    },
  };
}
export type DigitiseController = ReturnType<typeof createDigitiseController>;
