/**
 * "Khoá API": the signed-in account's keys (name, prefix, scope, origins, dates, revoked or not),
 * a form for a new one, the new key shown once in a box to copy, rotate and revoke behind a
 * confirmation, and one key's usage per day (./usage-section.ts). Names and keys are user or
 * secret text: always text nodes, never HTML.
 */
import type { ApiKeyInfo } from '../../common/types.js';
import { prefixLabel } from './api-keys.js';
import { usageSection } from './usage-section.js';
import { formatDateTime } from '../../common/time.js';
import { button, fact, h } from '../../common/dom.js';
import type { Ctx } from '../../shell/context.js';
import { selectField, textField } from '../../common/fields.js';
import { heading } from '../../shell/simple-panels.js';
import type { ApiKeysView } from './view.js';

function revealedKey(ctx: Ctx, revealed: NonNullable<ApiKeysView['revealed']>): HTMLElement {
  const { t, actions } = ctx;
  return h(
    'section',
    { class: 'new-key', id: 'new-key', attrs: { 'aria-labelledby': 'new-key-title', 'data-id': revealed.id } },
    h(
      'h3',
      { id: 'new-key-title', attrs: { tabindex: -1 } },
      t(revealed.rotated ? 'keys.rotatedTitle' : 'keys.newKeyTitle', { name: revealed.name }),
    ),
    h('p', { class: 'new-key-warning', id: 'new-key-warning' }, t('keys.shownOnce')),
    h('p', { class: 'new-key-label', id: 'new-key-label' }, t('keys.newKeyLabel')),
    h(
      'code',
      {
        class: 'new-key-value',
        id: 'new-key-value',
        attrs: { 'aria-labelledby': 'new-key-label', 'aria-describedby': 'new-key-warning', translate: 'no' },
      },
      revealed.key,
    ),
    h(
      'div',
      { class: 'row' },
      button(t('keys.copy'), () => actions.copy(revealed.key, t('keys.copied')), 'primary', { id: 'copy-new-key' }),
      button(t('keys.done'), () => actions.keys.dismissKey(), 'secondary', { id: 'dismiss-new-key' }),
    ),
    h('p', { class: 'hint' }, t('keys.newKeyHelp')),
  );
}

function keyItem(ctx: Ctx, view: ApiKeysView, key: ApiKeyInfo): HTMLElement {
  const { t, lang, actions } = ctx;
  const revoked = Boolean(key.revokedAt);
  const confirming = view.confirm?.id === key.id ? view.confirm : null;
  const busy = view.busyId === key.id;
  const showingUsage = view.usage?.id === key.id;
  const nameId = `key-name-${key.id}`;
  const confirmBox = confirming
    ? h(
        'div',
        { class: 'key-confirm', attrs: { role: 'group', 'aria-labelledby': 'key-confirm-text' } },
        h(
          'p',
          { id: 'key-confirm-text' },
          t(confirming.action === 'rotate' ? 'keys.confirmRotate' : 'keys.confirmRevoke', { name: key.name }),
        ),
        h(
          'div',
          { class: 'row' },
          button(
            busy ? t('keys.busy') : t(confirming.action === 'rotate' ? 'keys.confirmRotateYes' : 'keys.confirmRevokeYes'),
            () => actions.keys.confirm(),
            'primary',
            {
              id: 'key-confirm-yes',
              class: `btn ${confirming.action === 'revoke' ? 'btn--danger' : 'btn--primary'}`,
              disabled: busy,
              'aria-busy': busy ? 'true' : undefined,
            },
          ),
          button(t('keys.cancel'), () => actions.keys.cancelAsk(), 'secondary', { id: 'key-confirm-no', disabled: busy }),
        ),
      )
    : null;
  return h(
    'li',
    {
      class: `api-key api-key--${revoked ? 'revoked' : 'active'}`,
      attrs: { 'data-id': key.id, 'data-state': revoked ? 'revoked' : 'active', 'aria-labelledby': nameId },
    },
    h(
      'p',
      { class: 'api-key-head' },
      h('span', { class: 'api-key-name', id: nameId }, key.name),
      h(
        'span',
        { class: `badge api-key-state ${revoked ? 'badge--rejected' : 'badge--approved'}` },
        t(revoked ? 'keys.revoked' : 'keys.active'),
      ),
    ),
    h(
      'dl',
      { class: 'facts api-key-facts' },
      ...fact(t('keys.prefix'), prefixLabel(key.prefix), 'code api-key-prefix'),
      ...fact(t('keys.scope'), t(key.scope === 'write' ? 'keys.scope.write' : 'keys.scope.read'), 'api-key-scope'),
      ...fact(t('keys.origins'), key.allowedOrigins.length ? key.allowedOrigins.join(', ') : t('keys.anyOrigin'), 'api-key-origins'),
      ...fact(t('keys.created'), formatDateTime(key.createdAt, lang), 'api-key-created'),
      ...fact(t('keys.lastUsed'), key.lastUsedAt ? formatDateTime(key.lastUsedAt, lang) : t('keys.neverUsed'), 'api-key-used'),
      ...(key.revokedAt ? fact(t('keys.revokedAt'), formatDateTime(key.revokedAt, lang), 'api-key-revoked') : []),
    ),
    confirmBox ??
      h(
        'div',
        { class: 'row api-key-actions', attrs: { role: 'group', 'aria-label': t('keys.actionsFor', { name: key.name }) } },
        button(t(showingUsage ? 'keys.hideUsage' : 'keys.showUsage'), () => actions.keys.toggleUsage(key.id), 'secondary', {
          id: `key-usage-toggle-${key.id}`,
          class: 'btn btn--secondary key-usage-toggle',
          'aria-expanded': showingUsage ? 'true' : 'false',
          'aria-controls': showingUsage ? `key-usage-${key.id}` : undefined,
        }),
        revoked
          ? null
          : button(t('keys.rotate'), () => actions.keys.ask(key.id, 'rotate'), 'secondary', {
              id: `key-rotate-${key.id}`,
              class: 'btn btn--secondary key-rotate',
            }),
        revoked
          ? null
          : button(t('keys.revoke'), () => actions.keys.ask(key.id, 'revoke'), 'secondary', {
              id: `key-revoke-${key.id}`,
              class: 'btn btn--secondary key-revoke',
            }),
      ),
    showingUsage ? usageSection(ctx, key, view.usage!) : null,
  );
}

function keyForm(ctx: Ctx, view: ApiKeysView): HTMLElement {
  const { t, say, actions } = ctx;
  const errorOf = (field: string) => (view.fieldErrors[field] ? say(view.fieldErrors[field]!) : null);
  return h(
    'section',
    { class: 'key-create', attrs: { 'aria-labelledby': 'key-form-title' } },
    h('h3', { id: 'key-form-title' }, t('keys.newTitle')),
    h(
      'form',
      {
        id: 'key-form',
        attrs: { novalidate: true, 'aria-labelledby': 'key-form-title' },
        on: {
          submit: (event) => {
            event.preventDefault();
            actions.keys.create();
          },
        },
      },
      textField({
        id: 'key-name',
        label: t('keys.name'),
        value: view.form.name,
        max: 100,
        required: true,
        help: t('keys.nameHelp'),
        error: errorOf('name'),
        onInput: (value) => actions.keys.setField('name', value),
      }),
      selectField({
        id: 'key-scope',
        label: t('keys.scope'),
        value: view.form.scope,
        help: t('keys.scopeHelp'),
        options: [
          { value: 'read', label: t('keys.scope.read') },
          { value: 'write', label: t('keys.scope.write') },
        ],
        onInput: (value) => actions.keys.setScope(value === 'write' ? 'write' : 'read'),
      }),
      textField({
        id: 'key-origins',
        label: t('keys.originsLabel'),
        value: view.form.origins,
        multiline: true,
        max: 4000,
        help: t('keys.originsHelp'),
        error: errorOf('origins'),
        attrs: { autocapitalize: 'off', spellcheck: 'false', inputmode: 'url' },
        onInput: (value) => actions.keys.setField('origins', value),
      }),
      view.formError ? h('p', { class: 'error', id: 'key-form-error', attrs: { role: 'alert', tabindex: -1 } }, say(view.formError)) : null,
      h(
        'button',
        {
          class: 'btn btn--primary btn--wide',
          attrs: { type: 'submit', id: 'key-create', disabled: view.creating, 'aria-busy': view.creating ? 'true' : undefined },
        },
        view.creating ? t('keys.creating') : t('keys.create'),
      ),
    ),
  );
}

export function apiKeysPanel(ctx: Ctx, view: ApiKeysView): Node[] {
  const { t, say, actions, user } = ctx;
  if (!user) {
    return [
      heading(t('keys.title')),
      h('p', { class: 'notice' }, t('account.needed')),
      button(t('account.signIn'), () => actions.keys.close(), 'primary', { id: 'keys-sign-in' }),
    ];
  }
  const keys = view.keys;
  const nodes: (Node | null)[] = [
    heading(t('keys.title')),
    h('p', { class: 'lead' }, t('keys.intro')),
    h('p', { class: 'hint' }, t('keys.limits')),
    view.revealed ? revealedKey(ctx, view.revealed) : null,
    view.notice
      ? h(
          'p',
          { class: view.notice.tone, id: 'keys-notice', attrs: { role: view.notice.tone === 'error' ? 'alert' : 'status', tabindex: -1 } },
          say(view.notice.message),
        )
      : null,
    h(
      'section',
      { class: 'api-keys', attrs: { 'aria-labelledby': 'keys-list-title', 'aria-busy': view.loading ? 'true' : undefined } },
      h('h3', { id: 'keys-list-title' }, t('keys.listTitle')),
      view.loading && !keys ? h('p', { class: 'loading', attrs: { role: 'status' } }, t('keys.loading')) : null,
      view.error ? h('p', { class: 'error', id: 'keys-error', attrs: { role: 'alert' } }, say(view.error)) : null,
      view.error ? button(t('keys.retry'), () => actions.keys.reload(), 'secondary', { id: 'keys-retry' }) : null,
      keys && !keys.length ? h('p', { class: 'hint', id: 'keys-empty' }, t('keys.empty')) : null,
      keys && keys.length
        ? h(
            'ul',
            { class: 'api-key-list', id: 'api-keys-list', attrs: { 'aria-labelledby': 'keys-list-title' } },
            ...keys.map((k) => keyItem(ctx, view, k)),
          )
        : null,
    ),
    keyForm(ctx, view),
    button(t('keys.back'), () => actions.keys.close(), 'quiet', { id: 'keys-back' }),
  ];
  return nodes.filter((n): n is Node => n !== null);
}
