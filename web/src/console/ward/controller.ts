/**
 * The ward being worked on: which one (the URL's, the picker's, or the code an admin typed), its
 * boundary and its addresses. Opening a ward starts the loads of the other features (given by the
 * shell); a number per opening lets the answers of a ward left behind be dropped.
 */
import type { User } from '../../common/types.js';
import { apiErrorMessage } from '../../common/messages.js';
import type { AddressFeature } from '../api.js';
import { asApiError, type ConsoleDeps } from '../deps.js';
import { initialImport } from '../import/state.js';
import { initialQueue } from '../queue/state.js';
import { initialStats } from '../stats/state.js';
import { initialVerify } from '../verify/state.js';
import { upsert } from './features.js';

const WARD = /^\d{5}$/;

export function createWardController(
  deps: ConsoleDeps & {
    /** the ward's other loads, started in this order beside its addresses */
    loadRest(seq: number): Promise<void>[];
    /** after a change: the ward's shading and numbers again */
    refresh(seq: number): void;
    /** a ward is left: the inline editor of digitising closes */
    onLeave(): void;
  },
) {
  const { api, state, render, map } = deps;
  let wardSeq = 0;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;

  const current = (seq: number) => seq === wardSeq && state.wardCode !== null;

  /** Signed in: the ward asked for in the URL (or the first), then the names of the others for the picker. */
  async function enter({ focusTitle = true } = {}) {
    const u: User | null = state.user;
    state.wards = (u?.wards ?? []).map((code) => ({ code, name: null }));
    render({ focusTitle });
    if (!u || u.blocked) return;
    const wanted = new URLSearchParams(location.search).get('ward');
    const first = wanted && WARD.test(wanted) && (u.role === 'admin' || u.wards.includes(wanted)) ? wanted : u.wards[0];
    if (first) void open(first);
    await Promise.all(
      state.wards.map(async (w) => {
        try {
          w.name = (await api.ward(w.code)).fullName;
        } catch {
          // the code stays as the label
        }
      }),
    );
    render();
  }

  async function open(code: string) {
    const seq = ++wardSeq;
    deps.onLeave();
    Object.assign(state, { wardCode: code, ward: null, wardError: null, addresses: null }, initialStats(), initialVerify(), {
      queue: { ...initialQueue(), loading: true },
    });
    state.import = initialImport();
    history.replaceState(null, '', `/console?ward=${code}`);
    render();
    deps.syncMap();
    try {
      const ward = await api.ward(code, true);
      if (seq !== wardSeq) return;
      state.ward = ward;
      const known = state.wards.find((w) => w.code === code);
      if (known) known.name = ward.fullName;
      render();
      map()?.setWard(ward.geometry ?? null);
    } catch (error) {
      if (seq !== wardSeq) return;
      state.wardError = apiErrorMessage(asApiError(error));
      render();
      return;
    }
    await Promise.all([loadAddresses(seq), ...deps.loadRest(seq)]);
  }

  async function loadAddresses(seq = wardSeq) {
    try {
      const addresses = await api.addresses(state.wardCode!);
      if (!current(seq)) return;
      state.addresses = addresses;
      map()?.setAddresses(addresses);
      render();
    } catch (error) {
      if (current(seq)) state.verifyNotice = { tone: 'error', message: apiErrorMessage(asApiError(error)) };
    }
  }

  return {
    wardSeq: () => wardSeq,
    /** the answer of opening number `seq` is still wanted */
    current,
    enter,
    loadAddresses,
    /** After a change: the points, the shading and the numbers again, once things settle. */
    refreshSoon(delay = 600) {
      clearTimeout(refreshTimer);
      const seq = wardSeq;
      refreshTimer = setTimeout(() => {
        if (current(seq)) deps.refresh(seq);
      }, delay);
    },
    upsertFeature(feature: AddressFeature) {
      if (!state.addresses) state.addresses = { type: 'FeatureCollection', features: [] };
      upsert(state.addresses, feature);
      map()?.setAddresses(state.addresses);
    },
    /** Signing out: answers still on their way are dropped. */
    leave() {
      wardSeq++;
      deps.onLeave();
    },
    chooseWard: (code: string) => void open(code),
    setAdminWardInput(value: string) {
      state.adminWardInput = value;
    },
    openAdminWard() {
      const code = state.adminWardInput.trim();
      if (!WARD.test(code)) {
        state.wardError = { key: 'console.wardBad' };
        return render();
      }
      void open(code);
    },
  };
}
export type WardController = ReturnType<typeof createWardController>;
