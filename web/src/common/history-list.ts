/**
 * The versions of an address, newest first: what changed from what to what, when, why and (for
 * its owner and staff) by whom; older versions can be restored. Used by the household app and
 * the commune console.
 */
import { changeRows, reasonText, versionKindLabel } from './changes.js';
import type { Lang, Translate } from '../i18n/translate.js';
import { formatDateTime } from './time.js';
import type { History } from './types.js';
import { button, h } from './dom.js';

export type HistoryListOptions = {
  /** the version being restored, whose button shows it */
  restoring: number | null;
  onRestore: ((version: number) => void) | null;
};

export function historyList(t: Translate, lang: Lang, history: History, { restoring, onRestore }: HistoryListOptions): HTMLElement {
  if (history.versions.length === 0) return h('p', { class: 'hint' }, t('history.empty'));
  const newest = Math.max(...history.versions.map((v) => v.version));
  return h(
    'ol',
    { class: 'versions', attrs: { 'aria-label': t('history.title') } },
    ...history.versions.map((v) => {
      const rows = changeRows(v.change, t);
      const isCurrent = v.version === newest;
      const changes = rows.length
        ? h(
            'ul',
            { class: 'changes' },
            ...rows.map((row) =>
              h(
                'li',
                { class: 'change', attrs: { 'data-field': row.field } },
                h('span', { class: 'change-field' }, `${row.label}: `),
                h('span', { class: 'change-from' }, row.from),
                h('span', { class: 'change-arrow' }, ' → '),
                h('span', { class: 'change-to' }, row.to),
              ),
            ),
          )
        : h('p', { class: 'hint' }, v.version === 1 ? t('history.first') : t('history.noChange'));
      return h(
        'li',
        { class: `version${isCurrent ? ' version--current' : ''}`, attrs: { 'data-version': v.version, 'data-kind': v.kind } },
        h(
          'p',
          { class: 'version-head' },
          h('strong', { class: 'version-number' }, t('history.version', { version: v.version })),
          h('span', { class: `badge badge--${v.kind}` }, versionKindLabel(v.kind, t)),
          isCurrent ? h('span', { class: 'badge badge--current' }, t('history.current')) : null,
        ),
        h('p', { class: 'version-time' }, h('time', { attrs: { datetime: v.at } }, formatDateTime(v.at, lang))),
        changes,
        v.reason ? h('p', { class: 'version-reason' }, t('history.reason', { reason: reasonText(v.reason, t) })) : null,
        'by' in v ? h('p', { class: 'version-by hint' }, v.by ? t('history.by', { id: v.by }) : t('history.byNobody')) : null,
        !isCurrent && onRestore
          ? button(restoring === v.version ? t('history.restoring') : t('history.restore'), () => onRestore(v.version), 'secondary', {
              class: 'btn btn--secondary restore',
              'data-version': v.version,
              disabled: restoring !== null,
              'aria-busy': restoring === v.version ? 'true' : undefined,
              'aria-label': `${t('history.restore')}: ${t('history.version', { version: v.version })}`,
            })
          : null,
      );
    }),
  );
}
