/** Proposing a new place (a shop, clinic, school…): a point, a name, a category and details. */
import { asApiError, cleanDetails } from '../../common/api.js';
import { tidy } from '../../common/changes.js';
import { isValidUnit } from '../../common/code.js';
import type { LatLng } from '../../common/geo.js';
import { anyFieldErrors, apiErrorMessage } from '../../common/messages.js';
import type { Message } from '../../i18n/household.js';
import { DETAIL_FIELDS, type Details } from '../../common/types.js';
import type { AppDeps } from '../../shell/panel-deps.js';
import { emptyPlaceForm, type PlaceForm } from './view.js';

export type AddPlaceActions = {
  startAddPlace(point: LatLng | null): void;
  setPlaceField(field: keyof PlaceForm, value: string): void;
  setPlaceDetailsOpen(open: boolean): void;
  sendPlace(): void;
};

type Deps = Pick<AppDeps, 'api' | 'view' | 'setView' | 'replaceView' | 'setPath' | 'map' | 'requireUser' | 'sessionLost'>;

export function createAddPlace(deps: Deps) {
  const { api, view, setView } = deps;

  async function sendPlace() {
    const v = view();
    if (v.name !== 'add-place' || v.sending) return;
    const { form } = v;
    const errors: Record<string, Message> = {};
    const name = tidy(form.name);
    const unit = form.unit.trim().toUpperCase();
    if (!name) errors.name = { key: 'addPlace.needName' };
    if (!form.category) errors.category = { key: 'addPlace.needCategory' };
    if (unit && !isValidUnit(unit)) errors.unit = { key: 'error.code.unit' };
    if (!v.point || Object.keys(errors).length) {
      setView({
        ...v,
        fieldErrors: errors,
        detailsOpen: v.detailsOpen || Boolean(errors.unit),
        error: v.point ? { key: 'create.fixErrors' } : { key: 'addPlace.needPoint' },
      });
      const first = errors.name ? 'place-name' : errors.category ? 'place-category' : errors.unit ? 'place-unit' : null;
      if (first) document.getElementById(first)?.focus();
      return;
    }
    if (!deps.requireUser(() => setView({ ...v, error: null }, { focus: true }))) return;
    setView({ ...v, sending: true, error: null, fieldErrors: {} });
    const details = cleanDetails(Object.fromEntries(DETAIL_FIELDS.map((f) => [f, form[f]])) as Partial<Record<keyof Details, string>>);
    const reason = tidy(form.reason);
    try {
      const proposal = await api.proposePlace({
        lat: v.point.lat,
        lng: v.point.lng,
        name,
        category: form.category,
        ...(unit ? { unit } : {}),
        ...(details ? { details } : {}),
        ...(reason ? { reason } : {}),
      });
      const now = view();
      if (now.name !== 'add-place') return;
      setView({ ...now, sending: false, done: { code: proposal.code ?? '', applied: Boolean(proposal.applied) } }, { focus: true });
      if (proposal.applied) deps.map()?.refreshAddresses();
    } catch (error) {
      const now = view();
      if (now.name !== 'add-place') return;
      const e = asApiError(error);
      if (e.status === 401) return deps.sessionLost(() => setView({ ...v, sending: false }, { focus: true }));
      const fields = anyFieldErrors(e);
      setView({
        ...now,
        sending: false,
        fieldErrors: fields,
        detailsOpen: true,
        error: Object.keys(fields).length ? { key: 'create.fixErrors' } : apiErrorMessage(e),
      });
    }
  }

  const actions: AddPlaceActions = {
    startAddPlace(point) {
      setView(
        { name: 'add-place', point, form: emptyPlaceForm(), detailsOpen: false, sending: false, error: null, fieldErrors: {}, done: null },
        { focus: true },
      );
      deps.setPath('/');
    },
    setPlaceField(field, value) {
      const v = view();
      if (v.name === 'add-place') deps.replaceView({ ...v, form: { ...v.form, [field]: value } });
    },
    setPlaceDetailsOpen(open) {
      const v = view();
      if (v.name === 'add-place') deps.replaceView({ ...v, detailsOpen: open });
    },
    sendPlace: () => void sendPlace(),
  };

  return { actions };
}
