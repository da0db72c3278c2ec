/**
 * The "API keys" screen's actions: list the account's keys, create one (shown once), rotate and
 * revoke (each confirmed first), and one key's usage over the last 30 days. The app's controller
 * lends it the current view and its helpers; the key in clear lives in the view only, never in
 * storage or the address bar, and is gone once the user leaves the screen or dismisses it.
 */
import { ApiError } from '../../common/api.js';
import type { PanelDeps } from '../../shell/panel-deps.js';
import type { KeyScope, NewApiKey } from '../../common/types.js';
import { activeFirst, KEY_NAME_MAX, ORIGINS_MAX, parseOrigins, USAGE_DAYS } from './api-keys.js';
import { apiErrorMessage } from '../../common/messages.js';
import type { Message } from '../../i18n/household.js';
import type { View } from '../../shell/state.js';
import type { ApiKeysView } from './view.js';

export type ApiKeysActions = {
  /** from the account panel: the screen, and the keys loaded */
  open(): void;
  reload(): void;
  /** while typing: no re-render */
  setField(field: 'name' | 'origins', value: string): void;
  setScope(scope: KeyScope): void;
  create(): void;
  ask(id: string, action: 'rotate' | 'revoke'): void;
  cancelAsk(): void;
  confirm(): void;
  toggleUsage(id: string): void;
  /** the shown key is stored: forget it */
  dismissKey(): void;
  /** back to the account panel */
  close(): void;
};

type Deps = PanelDeps & {
  announce(text: string): void;
};

const asApiError = (error: unknown) => (error instanceof ApiError ? error : new ApiError('network', 0, {}));

/** Failures of key requests: the API's own words for what the user can act on (400, 403, 404, 409). */
export function keyErrorMessage(error: ApiError): Message {
  const detail = error.problem.detail ?? error.problem.title;
  if (error.kind === 'problem' && [400, 403, 404, 409].includes(error.status) && detail && !/blocked/i.test(detail)) {
    return { key: 'keys.failed', vars: { detail } };
  }
  return apiErrorMessage(error);
}

export function newApiKeysView(back: View | null): ApiKeysView {
  return {
    name: 'api-keys',
    keys: null,
    loading: true,
    error: null,
    form: { name: '', scope: 'read', origins: '' },
    creating: false,
    formError: null,
    fieldErrors: {},
    revealed: null,
    confirm: null,
    busyId: null,
    notice: null,
    usage: null,
    back,
  };
}

const focusLater = (id: string) => queueMicrotask(() => document.getElementById(id)?.focus());

export function createApiKeysActions(deps: Deps): ApiKeysActions {
  const { api, t } = deps;
  const current = (): ApiKeysView | null => {
    const v = deps.view();
    return v.name === 'api-keys' ? v : null;
  };
  const update = (patch: Partial<ApiKeysView>, options?: { focus?: boolean }) => {
    const v = current();
    if (v) deps.setView({ ...v, ...patch }, options);
  };
  const reopen = (back: View | null) => () => {
    deps.setView(newApiKeysView(back), { focus: true });
    void load();
  };

  async function load() {
    if (!current()) return;
    update({ loading: true, error: null });
    try {
      const keys = activeFirst(await api.apiKeys());
      update({ loading: false, keys });
    } catch (error) {
      const e = failure(error);
      if (!e) return;
      update({ loading: false, error: apiErrorMessage(e) });
    }
  }

  function reveal(created: NewApiKey, rotated: boolean) {
    update({ revealed: { id: created.id, name: created.name, key: created.key, rotated }, confirm: null, busyId: null, notice: null });
    focusLater('new-key-title');
    deps.announce(`${t(rotated ? 'keys.rotatedTitle' : 'keys.newKeyTitle', { name: created.name })}. ${t('keys.shownOnce')}`);
  }

  async function create() {
    const v = current();
    if (!v || v.creating) return;
    const name = v.form.name.replace(/\s+/g, ' ').trim();
    const { origins, bad } = parseOrigins(v.form.origins);
    const fieldErrors: Record<string, Message> = {};
    if (!name) fieldErrors.name = { key: 'keys.needName' };
    else if (name.length > KEY_NAME_MAX) fieldErrors.name = { key: 'error.tooLong', vars: { max: KEY_NAME_MAX } };
    if (bad.length) fieldErrors.origins = { key: 'keys.badOrigins', vars: { origins: bad.join(', ') } };
    else if (origins.length > ORIGINS_MAX) fieldErrors.origins = { key: 'keys.tooManyOrigins', vars: { max: ORIGINS_MAX } };
    if (Object.keys(fieldErrors).length) {
      update({ fieldErrors, formError: { key: 'create.fixErrors' } });
      document.getElementById(fieldErrors.name ? 'key-name' : 'key-origins')?.focus();
      return;
    }
    update({ creating: true, fieldErrors: {}, formError: null, notice: null });
    try {
      const created = await api.createApiKey({ name, scope: v.form.scope, ...(origins.length ? { allowedOrigins: origins } : {}) });
      update({ creating: false, form: { name: '', scope: 'read', origins: '' } });
      reveal(created, false);
      await load();
    } catch (error) {
      const e = failure(error);
      if (!e) return;
      const fields: Record<string, Message> = {};
      if (e.status === 400) {
        for (const issue of e.problem.errors ?? []) {
          const field = issue.field?.startsWith('allowedOrigins') ? 'origins' : issue.field === 'name' ? 'name' : null;
          if (field && !fields[field]) fields[field] = { key: 'error.invalid', vars: { detail: issue.message } };
        }
      }
      update({ creating: false, fieldErrors: fields, formError: keyErrorMessage(e) });
      focusLater('key-form-error');
    }
  }

  /**
   * A failed request as an API error to show, or null when there is nothing to show: the screen was
   * left, or the session ended (then handed to sessionLost).
   */
  function failure(error: unknown) {
    const e = asApiError(error);
    const now = current();
    if (!now) return null;
    if (e.status === 401) {
      deps.sessionLost(reopen(now.back));
      return null;
    }
    return e;
  }

  async function confirm() {
    const v = current();
    if (!v?.confirm || v.busyId) return;
    const { id, action } = v.confirm;
    const key = v.keys?.find((k) => k.id === id);
    update({ busyId: id, notice: null });
    try {
      if (action === 'rotate') {
        const created = await api.rotateApiKey(id);
        reveal(created, true);
      } else {
        await api.revokeApiKey(id);
        update({
          confirm: null,
          busyId: null,
          notice: { tone: 'success', message: { key: 'keys.revokedNotice', vars: { name: key?.name ?? id } } },
        });
        focusLater('keys-notice');
      }
      await load();
    } catch (error) {
      const e = failure(error);
      if (!e) return;
      update({ confirm: null, busyId: null, notice: { tone: 'error', message: keyErrorMessage(e) } });
      focusLater('keys-notice');
      if (e.status === 404 || e.status === 409) await load();
    }
  }

  async function loadUsage(id: string) {
    update({ usage: { id, loading: true, error: null, days: null } });
    try {
      const { days } = await api.apiKeyUsage(id, USAGE_DAYS);
      if (current()?.usage?.id === id) update({ usage: { id, loading: false, error: null, days } });
    } catch (error) {
      const e = asApiError(error);
      const now = current();
      if (!now || now.usage?.id !== id) return;
      if (e.status === 401) return deps.sessionLost(reopen(now.back));
      update({ usage: { id, loading: false, error: keyErrorMessage(e), days: null } });
    }
  }

  return {
    open() {
      const v = deps.view();
      if (v.name === 'api-keys') return;
      reopen(v.name === 'account' ? v.back : v)();
    },
    reload: () => void load(),
    setField(field, value) {
      const v = current();
      // the view is replaced without a render: the input keeps its text and focus
      if (v) deps.replaceView({ ...v, form: { ...v.form, [field]: value } });
    },
    setScope(scope) {
      const v = current();
      if (v) update({ form: { ...v.form, scope } });
    },
    create: () => void create(),
    ask(id, action) {
      update({ confirm: { id, action }, notice: null });
      focusLater('key-confirm-yes');
    },
    cancelAsk() {
      const v = current();
      if (!v?.confirm || v.busyId) return;
      const { id, action } = v.confirm;
      update({ confirm: null });
      focusLater(`key-${action}-${id}`);
    },
    confirm: () => void confirm(),
    toggleUsage(id) {
      const v = current();
      if (!v) return;
      if (v.usage?.id === id) update({ usage: null });
      else void loadUsage(id);
    },
    dismissKey() {
      update({ revealed: null });
      focusLater('key-name');
    },
    close() {
      const v = current();
      deps.openAccount(v ? v.back : null);
    },
  };
}
