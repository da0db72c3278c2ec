/**
 * Making a code: a chosen spot (tap, drag, keyboard or the phone's location) shows its code at
 * once (GET /v1/encode); registering it, with optional details, opens the new address.
 */
import { asApiError, cleanDetails, unexpectedAnswer } from '../../common/api.js';
import { isCodeLookup } from '../../common/checks.js';
import { addressPath, isValidUnit, spokenCode, splitApiCode } from '../../common/code.js';
import type { LatLng } from '../../common/geo.js';
import { currentPosition, geoKey } from '../../shell/geolocate.js';
import { apiErrorMessage, fieldErrors, type FieldName } from '../../common/messages.js';
import type { AppDeps } from '../../shell/panel-deps.js';
import { newCreateView, type CreateView } from './view.js';

export type CreateActions = {
  startCreate(): void;
  useMyLocation(): void;
  updateField(field: FieldName, value: string): void;
  setDetailsOpen(open: boolean): void;
  register(): void;
  retryEncode(): void;
};

type Deps = Pick<AppDeps, 'api' | 'view' | 'setView' | 'replaceView' | 't' | 'announce' | 'setPath' | 'map' | 'flyTo' | 'probeManage'>;

export function createCreate(deps: Deps) {
  const { api, view, setView, t } = deps;
  let encodeSeq = 0;

  function updateCreate(patch: Partial<CreateView>) {
    const v = view();
    if (v.name === 'create') setView({ ...v, ...patch });
  }

  /** A chosen spot (tap, drag, keyboard or phone location): show the pin and work out its code. */
  async function choosePoint(point: LatLng, accuracy: number | null = null) {
    const v = view();
    const base = v.name === 'create' ? v : newCreateView();
    if (base.registering) return;
    setView({ ...base, point, accuracy, geoError: null, encoding: true, encodeError: null, registerError: null, preview: null });
    const seq = ++encodeSeq;
    try {
      const preview = await api.encode(point);
      if (seq !== encodeSeq) return;
      updateCreate({ encoding: false, preview });
      deps.announce(`${t('create.preview')}: ${spokenCode(preview.code)}`);
    } catch (error) {
      if (seq === encodeSeq) updateCreate({ encoding: false, encodeError: apiErrorMessage(asApiError(error)) });
    }
  }

  async function register() {
    const v = view();
    if (v.name !== 'create' || !v.point || v.registering) return;
    const { form, point } = v;
    const unit = form.unit.trim().toUpperCase();
    if (unit && !isValidUnit(unit)) {
      updateCreate({ fieldErrors: { unit: { key: 'error.code.unit' } }, detailsOpen: true, registerError: { key: 'create.fixErrors' } });
      document.getElementById('field-unit')?.focus();
      return;
    }
    updateCreate({ registering: true, registerError: null, fieldErrors: {} });
    try {
      const { houseNumber, street, hamlet, building, landmark, note } = form;
      const details = cleanDetails({ houseNumber, street, hamlet, building, landmark, note });
      const { created, result } = await api.register({
        lat: point.lat,
        lng: point.lng,
        ...(unit ? { unit } : {}),
        ...(details ? { details } : {}),
      });
      // the new address is shown and its path pushed: only when the answer really is one
      if (!isCodeLookup(result)) throw unexpectedAnswer('a registration');
      setView({ name: 'place', result, mine: { created }, canManage: null }, { focus: true });
      void deps.probeManage(result);
      deps.announce(`${t('result.yourCode')}: ${spokenCode(result.code)}`);
      deps.setPath(addressPath(splitApiCode(result.code)));
      deps.map()?.refreshAddresses();
    } catch (error) {
      const apiError = asApiError(error);
      const fields = fieldErrors(apiError);
      if (Object.keys(fields).length) {
        updateCreate({ registering: false, fieldErrors: fields, detailsOpen: true, registerError: { key: 'create.fixErrors' } });
        const first = Object.keys(fields)[0];
        document.getElementById(`field-${first}`)?.focus();
      } else {
        updateCreate({ registering: false, registerError: apiErrorMessage(apiError) });
      }
    }
  }

  const actions: CreateActions = {
    startCreate() {
      setView(newCreateView(), { focus: true });
      deps.setPath('/');
    },
    async useMyLocation() {
      if (view().name !== 'create') setView(newCreateView());
      updateCreate({ locating: true, geoError: null });
      try {
        const { point, accuracy } = await currentPosition();
        updateCreate({ locating: false });
        deps.flyTo(point, 19);
        await choosePoint(point, accuracy);
      } catch (error) {
        updateCreate({ locating: false, geoError: geoKey(error) });
      }
    },
    updateField(field, value) {
      // no re-render while typing: the input keeps its own text and focus
      const v = view();
      if (v.name === 'create') deps.replaceView({ ...v, form: { ...v.form, [field]: value } });
    },
    setDetailsOpen(open) {
      const v = view();
      if (v.name === 'create') deps.replaceView({ ...v, detailsOpen: open });
    },
    register: () => void register(),
    retryEncode() {
      const v = view();
      if (v.name === 'create' && v.point) void choosePoint(v.point, v.accuracy);
    },
  };

  return { actions, choosePoint };
}
