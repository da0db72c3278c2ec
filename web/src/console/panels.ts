/**
 * What the console's side panel shows, one function per part. Everything a user or the API
 * typed goes in as text (ui/dom.ts); the controller (app.ts) owns the state and the actions.
 */
import { addressLine } from '../common/address.js';
import { proposalRows, type EditField, type Translate } from '../common/changes.js';
import type { Lang, MessageKey } from '../i18n/translate.js';
import type { Message } from '../common/messages.js';
import { formatDateTime, formatDay } from '../common/time.js';
import { DETAIL_FIELDS } from '../common/types.js';
import { button, h } from '../common/dom.js';
import { categoryOptions, MAX_LENGTH } from '../common/edit-form.js';
import { checkboxField, selectField, textField } from '../common/fields.js';
import { historyList } from '../common/history-list.js';
import { exportUrl } from './api.js';
import { fullCode } from './geometry.js';
import { canCommit, sortRows, type ImportPhase } from './imports.js';
import type { ConsoleState, Notice, QueueItem, Tab } from './state.js';
import { TABS } from './state.js';

export type ConsoleActions = {
  setAuthField(field: 'identifier' | 'password', value: string): void;
  setShowPassword(show: boolean): void;
  signIn(): void;
  signOut(): void;
  chooseWard(code: string): void;
  setAdminWardInput(value: string): void;
  openAdminWard(): void;
  setTab(tab: Tab, focus?: boolean): void;
  reloadQueue(): void;
  approve(id: string): void;
  openQueueForm(id: string, mode: 'edit' | 'reject' | 'block'): void;
  /** lifts the block of a proposal's proposer */
  unblock(id: string): void;
  setQueueField(field: EditField | 'reason', value: string): void;
  closeQueueForm(): void;
  submitQueueForm(): void;
  showProposal(id: string): void;
  toggleDigitise(): void;
  setStreet(value: string): void;
  select(code: string): void;
  deselect(): void;
  setStatus(code: string, status: 'verified' | 'needs_review'): void;
  toggleHistory(): void;
  restore(version: number): void;
  chooseFile(file: File | null): void;
  commitImport(): void;
};

export type PanelCtx = { t: Translate; say: (m: Message) => string; lang: Lang; state: ConsoleState; actions: ConsoleActions };

const number = (lang: Lang, n: number) => new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(n);

export function noticeNode(ctx: PanelCtx, notice: Notice | null, id: string): HTMLElement | null {
  if (!notice) return null;
  const cls = notice.tone === 'error' ? 'error' : notice.tone === 'success' ? 'success' : 'notice';
  return h('p', { class: cls, id, attrs: { role: notice.tone === 'error' ? 'alert' : 'status', tabindex: -1 } }, ctx.say(notice.message));
}

export function signInPanel(ctx: PanelCtx): Node[] {
  const { t, say, state, actions } = ctx;
  const a = state.auth;
  if (state.user) {
    return [
      h('h2', { class: 'panel-title', attrs: { tabindex: -1 } }, t('console.signInTitle')),
      h('p', { class: 'error', id: 'not-staff', attrs: { role: 'alert' } }, t(state.user.role === 'staff' ? 'console.noWards' : 'console.notStaff')),
      button(t('account.signOut'), () => actions.signOut(), 'primary', { id: 'console-sign-out-panel' }),
    ];
  }
  const form = h(
    'form',
    {
      id: 'console-auth',
      attrs: { novalidate: true },
      on: {
        submit: (event) => {
          event.preventDefault();
          actions.signIn();
        },
      },
    },
    textField({
      id: 'auth-id', label: t('account.identifier'), value: a.identifier, max: 254, help: t('account.identifierHelp'),
      error: a.fieldErrors.identifier ? say(a.fieldErrors.identifier) : null,
      attrs: { autocomplete: 'username', autocapitalize: 'off', spellcheck: 'false' },
      onInput: (value) => actions.setAuthField('identifier', value),
    }),
    textField({
      id: 'auth-password', label: t('account.password'), value: a.password, type: a.showPassword ? 'text' : 'password', max: 200,
      error: a.fieldErrors.password ? say(a.fieldErrors.password) : null,
      attrs: { autocomplete: 'current-password', autocapitalize: 'off', spellcheck: 'false' },
      onInput: (value) => actions.setAuthField('password', value),
    }),
    checkboxField({ id: 'auth-show', label: t('account.showPassword'), checked: a.showPassword, onChange: (show) => actions.setShowPassword(show) }),
    a.error ? h('p', { class: 'error', id: 'auth-error', attrs: { role: 'alert' } }, say(a.error)) : null,
    h('button', { class: 'btn btn--primary btn--wide', attrs: { type: 'submit', id: 'auth-submit', disabled: a.busy } }, a.busy ? t('account.busy') : t('account.submitSignIn')),
  );
  return [
    h('h2', { class: 'panel-title', attrs: { tabindex: -1 } }, t('console.signInTitle')),
    h('p', { class: 'lead' }, t('console.signInIntro')),
    form,
  ];
}

export function wardHeader(ctx: PanelCtx): Node[] {
  const { t, say, state, actions } = ctx;
  const nodes: (Node | null)[] = [];
  const ward = state.ward;
  nodes.push(
    h('h2', { class: 'panel-title ward-title', id: 'ward-title', attrs: { tabindex: -1 } }, ward ? ward.fullName : state.wardCode ? t('console.loading') : t('console.ward')),
    ward ? h('p', { class: 'hint ward-sub' }, `${ward.province.name} · ${ward.code}${ward.postalCode ? ` · ${t('place.postalCode')} ${ward.postalCode}` : ''}`) : null,
  );
  if (state.wards.length > 1) {
    nodes.push(
      selectField({
        id: 'ward-select',
        label: t('console.ward'),
        value: state.wardCode ?? '',
        options: state.wards.map((w) => ({ value: w.code, label: w.name ? `${w.name} (${w.code})` : w.code })),
        onInput: (code) => actions.chooseWard(code),
      }),
    );
  }
  if (state.user?.role === 'admin') {
    nodes.push(
      h(
        'form',
        {
          class: 'row admin-ward',
          on: {
            submit: (event) => {
              event.preventDefault();
              actions.openAdminWard();
            },
          },
        },
        textField({ id: 'ward-code', label: t('console.wardCode'), value: state.adminWardInput, max: 5, attrs: { inputmode: 'numeric', pattern: '[0-9]{5}' }, onInput: (v) => actions.setAdminWardInput(v) }),
        h('button', { class: 'btn btn--secondary', attrs: { type: 'submit' } }, t('console.wardOpen')),
      ),
    );
  }
  if (state.wardError) nodes.push(h('p', { class: 'error', attrs: { role: 'alert' } }, say(state.wardError)));
  return nodes.filter((n): n is Node => n !== null);
}

const TAB_LABEL: Record<Tab, MessageKey> = {
  queue: 'console.tab.queue', digitise: 'console.tab.digitise', verify: 'console.tab.verify', import: 'console.tab.import', stats: 'console.tab.stats',
};

/** ARIA tabs: one tab stop, arrow keys move between tabs. */
export function tabs(ctx: PanelCtx): HTMLElement {
  const { t, state, actions } = ctx;
  const list = h('div', { class: 'tabs', attrs: { role: 'tablist', 'aria-label': t('console.tasks') } });
  TABS.forEach((tab, i) => {
    const selected = state.tab === tab;
    const count = tab === 'queue' && !state.queue.loading ? state.queue.items.length : null;
    const el = h(
      'button',
      {
        class: 'tab',
        id: `tab-${tab}`,
        attrs: { type: 'button', role: 'tab', 'aria-selected': selected ? 'true' : 'false', 'aria-controls': 'tabpanel', tabindex: selected ? 0 : -1 },
        on: { click: () => actions.setTab(tab) },
      },
      t(TAB_LABEL[tab]),
      count ? h('span', { class: 'tab-count', id: 'queue-count' }, String(count)) : null,
    );
    el.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      const to = event.key === 'Home' ? 0 : event.key === 'End' ? TABS.length - 1 : step ? (i + step + TABS.length) % TABS.length : null;
      if (to === null) return;
      event.preventDefault();
      actions.setTab(TABS[to]!, true);
    });
    list.append(el);
  });
  return list;
}

// ---------------------------------------------------------------- review queue

function reviewTable(ctx: PanelCtx, item: QueueItem): HTMLElement {
  const { t } = ctx;
  const rows = proposalRows(item.proposal, item.current?.address ?? null, t);
  return h(
    'table',
    { class: 'review' },
    h('caption', { class: 'visually-hidden' }, t('queue.title')),
    h('thead', {}, h('tr', {}, h('th', { attrs: { scope: 'col' } }, t('queue.field')), h('th', { attrs: { scope: 'col' } }, t('queue.current')), h('th', { attrs: { scope: 'col' } }, t('queue.proposed')))),
    h(
      'tbody',
      {},
      ...rows.map((r) =>
        h('tr', { class: r.changed ? 'changed' : '', attrs: { 'data-field': r.field } }, h('th', { attrs: { scope: 'row' } }, r.label), h('td', { class: 'review-current' }, r.current), h('td', { class: 'review-proposed' }, r.proposed)),
      ),
    ),
  );
}

function queueForm(ctx: PanelCtx, item: QueueItem): HTMLElement | null {
  const { t, say, state, actions } = ctx;
  const open = state.queue.open;
  if (!open || open.id !== item.proposal.id) return null;
  const busy = state.queue.busy === item.proposal.id;
  const submitLabel = open.mode === 'edit' ? t('queue.approveEdited') : open.mode === 'reject' ? t('queue.rejectSend') : t('queue.blockSend');
  const fields: Node[] = [];
  if (open.mode === 'edit') {
    if (item.proposal.kind !== 'new_place') {
      fields.push(textField({ id: `qf-placeName`, label: t('field.placeName'), value: open.form.placeName, max: MAX_LENGTH.placeName, onInput: (v) => actions.setQueueField('placeName', v) }));
    }
    fields.push(
      selectField({
        id: 'qf-category', label: t('field.category'), value: open.form.category,
        options: categoryOptions(t, item.proposal.kind === 'new_place' ? 'field.categoryChoose' : 'field.categoryNone'),
        onInput: (v) => actions.setQueueField('category', v),
      }),
      ...DETAIL_FIELDS.map((f) =>
        textField({ id: `qf-${f}`, label: t(`field.${f}`), value: open.form[f], max: MAX_LENGTH[f], multiline: f === 'note', onInput: (v) => actions.setQueueField(f, v) }),
      ),
    );
  } else {
    fields.push(
      textField({
        id: 'qf-reason', label: t(open.mode === 'reject' ? 'queue.rejectReason' : 'queue.blockReason'), value: open.reason, max: 500, multiline: true, required: true,
        onInput: (v) => actions.setQueueField('reason', v),
      }),
    );
  }
  return h(
    'form',
    {
      class: `queue-form queue-form--${open.mode}`,
      id: 'queue-form',
      attrs: { novalidate: true },
      on: {
        submit: (event) => {
          event.preventDefault();
          actions.submitQueueForm();
        },
      },
    },
    ...fields,
    open.error ? h('p', { class: 'error', attrs: { role: 'alert' } }, say(open.error)) : null,
    h(
      'div',
      { class: 'row' },
      h('button', { class: `btn ${open.mode === 'edit' ? 'btn--primary' : 'btn--danger'}`, attrs: { type: 'submit', id: 'queue-form-submit', disabled: busy } }, submitLabel),
      button(t('queue.cancel'), () => actions.closeQueueForm(), 'quiet'),
    ),
  );
}

function proposalCard(ctx: PanelCtx, item: QueueItem): HTMLElement {
  const { t, lang, state, actions } = ctx;
  const p = item.proposal;
  const busy = state.queue.busy === p.id;
  const stale = p.baseVersion != null && p.currentVersion != null && p.baseVersion !== p.currentVersion;
  const kindKey = `queue.kind.${p.kind}` as MessageKey;
  const code = p.code ?? '';
  return h(
    'li',
    { class: 'proposal', attrs: { 'data-id': p.id, 'data-kind': p.kind, 'data-code': code, 'aria-busy': busy ? 'true' : undefined } },
    h(
      'p',
      { class: 'proposal-head' },
      h('span', { class: `badge badge--${p.kind}` }, t(kindKey)),
      code ? h('a', { class: 'code proposal-code', attrs: { href: `/${code}`, target: '_blank', rel: 'noopener' } }, code) : null,
    ),
    h('p', { class: 'hint' }, t('queue.sent', { time: formatDateTime(p.createdAt, lang) })),
    p.proposer
      ? h('p', { class: 'hint proposer' }, t('queue.proposer', { id: p.proposer.id, since: formatDay(p.proposer.since, lang), approved: p.proposer.proposals.approved, rejected: p.proposer.proposals.rejected, pending: p.proposer.proposals.pending }), p.proposer.blocked ? ` ${t('queue.proposerBlocked')}` : '')
      : null,
    stale ? h('p', { class: 'notice stale' }, t('queue.stale', { base: p.baseVersion!, current: p.currentVersion! })) : null,
    item.current === undefined && p.kind !== 'new_place' ? h('p', { class: 'loading' }, t('console.loading')) : reviewTable(ctx, item),
    p.reason ? h('p', { class: 'proposal-reason' }, t('queue.reason', { reason: p.reason })) : null,
    h(
      'div',
      { class: 'row actions' },
      button(t('queue.approve'), () => actions.approve(p.id), 'primary', { class: 'btn btn--primary approve', disabled: busy || item.current === undefined }),
      button(t('queue.editApprove'), () => actions.openQueueForm(p.id, 'edit'), 'secondary', { class: 'btn btn--secondary edit-approve', disabled: busy || item.current === undefined }),
      button(t('queue.reject'), () => actions.openQueueForm(p.id, 'reject'), 'secondary', { class: 'btn btn--secondary reject', disabled: busy }),
      p.proposer && !p.proposer.blocked ? button(t('queue.block'), () => actions.openQueueForm(p.id, 'block'), 'quiet', { class: 'btn btn--quiet block', disabled: busy }) : null,
      p.proposer?.blocked ? button(t('queue.unblock'), () => actions.unblock(p.id), 'quiet', { class: 'btn btn--quiet unblock', disabled: busy }) : null,
      button(t('queue.showOnMap'), () => actions.showProposal(p.id), 'quiet', { class: 'btn btn--quiet show' }),
    ),
    queueForm(ctx, item),
  );
}

export function queuePanel(ctx: PanelCtx): Node[] {
  const { t, say, state, actions } = ctx;
  const q = state.queue;
  const nodes: (Node | null)[] = [
    h('div', { class: 'section-head' }, h('h3', {}, t('queue.title')), button(t('console.reload'), () => actions.reloadQueue(), 'quiet', { id: 'reload-queue' })),
    noticeNode(ctx, q.notice, 'queue-notice'),
  ];
  if (q.loading && q.items.length === 0) nodes.push(h('p', { class: 'loading', attrs: { role: 'status' } }, t('console.loading')));
  if (q.error) nodes.push(h('p', { class: 'error', attrs: { role: 'alert' } }, say(q.error)));
  if (!q.loading && !q.error && q.items.length === 0) nodes.push(h('p', { class: 'hint', id: 'queue-empty' }, t('queue.empty')));
  if (q.items.length) nodes.push(h('ol', { class: 'queue', id: 'queue' }, ...q.items.map((item) => proposalCard(ctx, item))));
  return nodes.filter((n): n is Node => n !== null);
}

// ---------------------------------------------------------------- digitising

export function digitisePanel(ctx: PanelCtx): Node[] {
  const { t, state, actions } = ctx;
  const d = state.digitise;
  return [
    h('h3', {}, t('digitise.title')),
    h(
      'button',
      {
        class: `btn ${d.on ? 'btn--primary' : 'btn--secondary'} btn--wide toggle`,
        id: 'digitise-toggle',
        attrs: { type: 'button', 'aria-pressed': d.on ? 'true' : 'false' },
        on: { click: () => actions.toggleDigitise() },
      },
      t('digitise.toggle'),
    ),
    h('p', { class: 'hint' }, t('digitise.help')),
    textField({ id: 'digitise-street', label: t('digitise.street'), value: d.street, max: 200, onInput: (v) => actions.setStreet(v) }),
    h('p', { id: 'digitise-count', attrs: { 'aria-live': 'polite' } }, t('digitise.count', { count: d.count })),
    noticeNode(ctx, d.notice, 'digitise-notice'),
  ].filter((n): n is HTMLElement => n !== null);
}

/** The inline editor on the map: house number, Enter to save, Esc to cancel. */
export function digitiseEditor(
  t: Translate,
  street: string,
  handlers: { onSave: (houseNumber: string) => void; onCancel: () => void },
): { element: HTMLElement; input: HTMLInputElement; setBusy(busy: boolean): void; setError(text: string | null): void } {
  const input = h('input', {
    id: 'digitise-number',
    attrs: { type: 'text', maxlength: 50, autocomplete: 'off', inputmode: 'text', enterkeyhint: 'done', 'aria-describedby': 'digitise-number-hint digitise-number-error' },
  });
  const error = h('p', { class: 'field-error', id: 'digitise-number-error', attrs: { role: 'alert' } });
  const save = h('button', { class: 'btn btn--primary', attrs: { type: 'submit' } }, t('digitise.save'));
  const form = h(
    'form',
    {
      class: 'digitise-form',
      attrs: { novalidate: true },
      on: {
        submit: (event) => {
          event.preventDefault();
          handlers.onSave(input.value);
        },
      },
    },
    h('label', { attrs: { for: 'digitise-number' } }, t('digitise.houseNumber')),
    h('div', { class: 'digitise-row' }, input, save),
    h('p', { class: 'hint', id: 'digitise-number-hint' }, street ? `${t('field.street')}: ${street}` : t('digitise.help')),
    error,
  );
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      handlers.onCancel();
    }
  });
  return {
    element: form,
    input,
    setBusy(busy) {
      input.readOnly = busy;
      save.disabled = busy;
      save.textContent = busy ? t('digitise.saving') : t('digitise.save');
    },
    setError(text) {
      error.textContent = text ?? '';
    },
  };
}

// ---------------------------------------------------------------- verifying

function statusBadge(t: Translate, status: string) {
  const key = (['draft', 'verified', 'needs_review'].includes(status) ? `status.${status}` : 'status.draft') as MessageKey;
  return h('span', { class: `badge badge--status badge--${status}` }, t(key));
}

function selectedCard(ctx: PanelCtx): HTMLElement | null {
  const { t, lang, state, actions } = ctx;
  const s = state.selected;
  if (!s) return null;
  const address = s.lookup?.address;
  const status = address?.status ?? s.props.status;
  const details = address?.details ?? s.props;
  const line = addressLine(details, null, null);
  return h(
    'section',
    { class: 'selected', id: 'selected', attrs: { 'aria-labelledby': 'selected-title', 'data-code': s.code } },
    h('h3', { id: 'selected-title' }, t('verify.selected')),
    h('p', { class: 'selected-code' }, h('span', { class: 'code' }, s.code), ' ', statusBadge(t, status)),
    details.placeName ? h('p', { class: 'selected-name' }, details.placeName) : null,
    line ? h('p', {}, line) : null,
    h('p', { class: 'hint' }, t('edit.version', { version: address?.version ?? s.props.version }), address?.private ?? s.props.private ? ` · ${t('contrib.private')}` : ''),
    noticeNode(ctx, s.notice, 'selected-notice'),
    h(
      'div',
      { class: 'row' },
      status !== 'verified' ? button(t('verify.button'), () => actions.setStatus(s.code, 'verified'), 'primary', { id: 'verify-selected', disabled: s.busy }) : null,
      status !== 'needs_review' ? button(t('verify.needsReview'), () => actions.setStatus(s.code, 'needs_review'), 'secondary', { id: 'flag-selected', disabled: s.busy }) : null,
      button(t('contrib.history'), () => actions.toggleHistory(), 'secondary', { id: 'selected-history', 'aria-expanded': s.showHistory ? 'true' : 'false' }),
    ),
    s.showHistory
      ? s.history
        ? historyList(t, lang, s.history, { restoring: s.restoring, onRestore: (v) => actions.restore(v) })
        : h('p', { class: 'loading' }, t('history.loading'))
      : null,
    h(
      'div',
      { class: 'row' },
      h('a', { class: 'btn btn--quiet', attrs: { href: `/${s.code}`, target: '_blank', rel: 'noopener' } }, t('verify.open')),
      button(t('verify.close'), () => actions.deselect(), 'quiet', { id: 'deselect' }),
    ),
  );
}

const LIST_MAX = 60;

export function verifyPanel(ctx: PanelCtx): Node[] {
  const { t, state, actions } = ctx;
  const pending = (state.addresses?.features ?? []).filter((f) => f.properties.status !== 'verified');
  const nodes: (Node | null)[] = [selectedCard(ctx), noticeNode(ctx, state.verifyNotice, 'verify-notice'), h('h3', {}, t('verify.title'))];
  if (!state.selected) nodes.push(h('p', { class: 'hint' }, t('verify.pick')));
  if (state.addresses && pending.length === 0) nodes.push(h('p', { class: 'hint', id: 'verify-empty' }, t('verify.empty')));
  if (pending.length) {
    nodes.push(
      h(
        'ul',
        { class: 'address-list', id: 'unverified' },
        ...pending.slice(0, LIST_MAX).map((f) => {
          const code = fullCode(f.properties);
          const line = addressLine(f.properties, null, null) || f.properties.placeName || '';
          return h(
            'li',
            { attrs: { 'data-code': code } },
            button(code, () => actions.select(code), 'quiet', { class: 'btn btn--quiet code address-pick' }),
            h('span', { class: 'address-line' }, line),
            statusBadge(t, f.properties.status),
            button(t('verify.button'), () => actions.setStatus(code, 'verified'), 'secondary', { class: 'btn btn--secondary verify', 'aria-label': `${t('verify.button')} ${code}` }),
          );
        }),
      ),
    );
    if (pending.length > LIST_MAX) nodes.push(h('p', { class: 'hint' }, t('verify.more', { count: pending.length - LIST_MAX })));
  }
  return nodes.filter((n): n is Node => n !== null);
}

// ---------------------------------------------------------------- import and export

function reportTable(ctx: PanelCtx, phase: Extract<ImportPhase, { report: unknown }>): HTMLElement {
  const { t } = ctx;
  const rows = sortRows(phase.report.rows);
  return h(
    'div',
    { class: 'report-wrap' },
    h(
      'table',
      { class: 'report', id: 'import-report' },
      h('caption', { class: 'visually-hidden' }, t('import.title')),
      h('thead', {}, h('tr', {}, h('th', { attrs: { scope: 'col' } }, t('import.row')), h('th', { attrs: { scope: 'col' } }, t('import.result')))),
      h(
        'tbody',
        {},
        ...rows.map((r) =>
          h(
            'tr',
            { class: r.ok ? 'row-ok' : 'row-error', attrs: { 'data-row': r.row } },
            h('th', { attrs: { scope: 'row' } }, String(r.row)),
            h('td', {}, r.ok ? (r.code ? t('import.willBe', { code: r.code }) : t('import.ok')) : (r.error ?? '')),
          ),
        ),
      ),
    ),
  );
}

export function importPanel(ctx: PanelCtx): Node[] {
  const { t, say, lang, state, actions } = ctx;
  const imp = state.import;
  const phase = imp.phase;
  const input = h('input', { attrs: { type: 'file', id: 'import-file', accept: '.csv,.geojson,.json,text/csv,application/geo+json,application/json', 'aria-describedby': 'import-help' } });
  input.addEventListener('change', () => actions.chooseFile(input.files?.[0] ?? null));
  const nodes: (Node | null)[] = [
    h('h3', {}, t('import.title')),
    h('p', { class: 'hint', id: 'import-help' }, t('import.help')),
    h('div', { class: 'file-pick' }, h('label', { class: 'btn btn--secondary', attrs: { for: 'import-file' } }, t('import.file')), input),
    imp.fileName ? h('p', { class: 'file-name', id: 'import-file-name' }, imp.fileName) : null,
  ];
  if (phase.name === 'checking' || phase.name === 'committing') {
    nodes.push(
      h('p', { class: 'loading', attrs: { role: 'status' } }, t(phase.name === 'checking' ? 'import.checking' : 'import.committing')),
      h('progress', { id: 'import-progress', attrs: { max: 100, value: phase.progress, 'aria-label': t('import.progress') } }),
    );
  }
  if (imp.error) nodes.push(h('p', { class: 'error', id: 'import-error', attrs: { role: 'alert' } }, say(imp.error)));
  if ('report' in phase) {
    const r = phase.report;
    nodes.push(h('p', { class: r.invalid ? 'error' : 'notice', id: 'import-summary', attrs: { role: 'status' } }, t('import.summary', { total: number(lang, r.total), valid: number(lang, r.valid), invalid: number(lang, r.invalid) })));
    if (phase.name === 'refused') nodes.push(h('p', { class: 'error', id: 'import-refused', attrs: { role: 'alert' } }, t('import.refused')));
    else if (r.invalid) nodes.push(h('p', { class: 'hint hint--strong', id: 'import-fix' }, t('import.fixFirst')));
    if (phase.name === 'imported') nodes.push(h('p', { class: 'success', id: 'import-done', attrs: { role: 'status' } }, t('import.done', { count: number(lang, phase.imported) })));
  }
  const count = 'report' in phase ? phase.report.valid : 0;
  nodes.push(
    h(
      'button',
      {
        class: 'btn btn--primary btn--wide',
        id: 'import-commit',
        attrs: { type: 'button', disabled: !canCommit(phase), 'aria-describedby': 'import-summary' },
        on: { click: () => actions.commitImport() },
      },
      t('import.commit', { count: number(lang, count) }),
    ),
  );
  if ('report' in phase && phase.report.rows.length) nodes.push(reportTable(ctx, phase));
  if (state.wardCode) {
    nodes.push(
      h('h3', {}, t('export.title')),
      h('p', { class: 'hint' }, t('export.help')),
      h(
        'div',
        { class: 'row' },
        h('a', { class: 'btn btn--secondary', id: 'export-csv', attrs: { href: exportUrl(state.wardCode, 'csv'), download: `addresses-${state.wardCode}.csv` } }, t('export.csv')),
        h('a', { class: 'btn btn--secondary', id: 'export-geojson', attrs: { href: exportUrl(state.wardCode, 'geojson'), download: `addresses-${state.wardCode}.geojson` } }, t('export.geojson')),
      ),
    );
  }
  return nodes.filter((n): n is Node => n !== null);
}

// ---------------------------------------------------------------- statistics

export function statsPanel(ctx: PanelCtx): Node[] {
  const { t, say, lang, state } = ctx;
  const s = state.stats;
  if (state.statsError) return [h('h3', {}, t('stats.title')), h('p', { class: 'error' }, say(state.statsError))];
  if (!s) return [h('h3', {}, t('stats.title')), h('p', { class: 'loading' }, t('console.loading'))];
  const share = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(s.verifiedShare);
  const item = (key: MessageKey, value: string, id: string) => h('div', { class: 'stat', id }, h('dt', {}, t(key)), h('dd', {}, value));
  return [
    h('h3', {}, t('stats.title')),
    h(
      'dl',
      { class: 'stats', id: 'stats' },
      item('stats.addresses', number(lang, s.addresses), 'stat-addresses'),
      item('stats.verified', number(lang, s.verified), 'stat-verified'),
      item('stats.draft', number(lang, s.draft), 'stat-draft'),
      item('stats.needsReview', number(lang, s.needsReview), 'stat-needs-review'),
      item('stats.private', number(lang, s.private), 'stat-private'),
      item('stats.verifiedShare', share, 'stat-share'),
      item('stats.pending', number(lang, s.pendingProposals), 'stat-pending'),
    ),
  ];
}
