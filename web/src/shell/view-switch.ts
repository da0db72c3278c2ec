/**
 * What the shell shows for the current view: its panel (one per view; the union in state.ts makes
 * a missing case a type error) and what the map marks for it.
 */
import { accountPanel } from '../features/account/account-panel.js';
import { addPlacePanel } from '../features/add-place/add-place-panel.js';
import { apiKeysPanel } from '../features/api-keys/api-keys-panel.js';
import { batchPanel } from '../features/batch/batch-panel.js';
import { createPanel } from '../features/create/create-panel.js';
import { directionsPanel } from '../features/directions/directions-panel.js';
import { editPanel } from '../features/edit/edit-panel.js';
import { historyPanel } from '../features/history/history-panel.js';
import { passwordPanel } from '../features/password/password-panel.js';
import { placePanel } from '../features/place/place-panel.js';
import { placePoint } from '../features/place/view.js';
import type { MapView } from '../map/types.js';
import type { Ctx } from './context.js';
import { homePanel, searchErrorPanel, searchingPanel } from './simple-panels.js';
import type { View } from './state.js';

/** The view switch: one panel per view. */
export function panelNodes(ctx: Ctx, view: View): Node[] {
  switch (view.name) {
    case 'home':
      return homePanel(ctx);
    case 'create':
      return createPanel(ctx, view);
    case 'searching':
      return searchingPanel(ctx, view);
    case 'search-error':
      return searchErrorPanel(ctx, view);
    case 'place':
      return placePanel(ctx, view);
    case 'directions':
      return directionsPanel(ctx, view);
    case 'account':
      return accountPanel(ctx, view);
    case 'edit':
      return editPanel(ctx, view);
    case 'history':
      return historyPanel(ctx, view);
    case 'add-place':
      return addPlacePanel(ctx, view);
    case 'api-keys':
      return apiKeysPanel(ctx, view);
    case 'password':
      return passwordPanel(ctx, view);
    case 'batch':
      return batchPanel(ctx, view);
  }
}

/** The map follows the view: the pin, the place marked, its cell, the route. */
export function syncMap(map: MapView, v: View) {
  map.setPin(v.name === 'create' ? v.point : v.name === 'edit' ? v.entrance : v.name === 'add-place' && !v.done ? v.point : null);
  const result = v.name === 'place' || v.name === 'directions' || v.name === 'edit' || v.name === 'history' ? v.result : null;
  // while editing, the draggable pin is the entrance: no fixed marker under it
  map.setTarget(result && v.name !== 'edit' ? placePoint(result) : null);
  map.showCell(v.name === 'create' ? (v.preview?.cell ?? null) : (result?.cell ?? null));
  map.setDirections(
    v.name === 'directions' && v.from
      ? { from: v.from, to: placePoint(v.result), route: v.route?.geometry.coordinates ?? null, straight: Boolean(v.routeError) }
      : null,
  );
}
