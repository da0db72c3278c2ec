/**
 * One key's usage per Vietnam day over the last thirty days: a table, its totals and a small bar
 * chart in plain DOM (no chart library), under the key in the "Khoá API" panel.
 */
import type { ApiKeyInfo, UsageDay } from '../../common/types.js';
import { h } from '../../common/dom.js';
import type { Ctx } from '../../shell/context.js';
import { barPercent, formatDay, usageSeries, usageTotals, vietnamDay } from './api-keys.js';
import type { ApiKeysView } from './view.js';

export function usageSection(ctx: Ctx, key: ApiKeyInfo, usage: NonNullable<ApiKeysView['usage']>): HTMLElement {
  const { t, say, lang } = ctx;
  const titleId = `key-usage-title-${key.id}`;
  const content: (HTMLElement | null)[] = [];
  if (usage.loading) content.push(h('p', { class: 'loading', attrs: { role: 'status' } }, t('keys.usageLoading')));
  if (usage.error) content.push(h('p', { class: 'error', attrs: { role: 'alert' } }, say(usage.error)));
  if (usage.days) {
    const series = usageSeries(usage.days, vietnamDay(Date.now()));
    const used = series.filter((d) => d.requests > 0 || d.errors > 0 || d.codes > 0);
    const totals = usageTotals(series);
    content.push(usageChart(ctx, series));
    if (!used.length) content.push(h('p', { class: 'hint key-usage-empty' }, t('keys.usageEmpty')));
    else {
      const num = (n: number) => n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
      const row = (d: UsageDay) =>
        h(
          'tr',
          { attrs: { 'data-day': d.day } },
          h('th', { attrs: { scope: 'row' } }, h('time', { attrs: { datetime: d.day } }, formatDay(d.day))),
          h('td', { class: 'usage-requests' }, num(d.requests)),
          h('td', { class: 'usage-codes' }, num(d.codes)),
          h('td', { class: 'usage-errors' }, num(d.errors)),
        );
      content.push(
        h(
          'div',
          { class: 'usage-table-wrap' },
          h(
            'table',
            { class: 'usage-table' },
            h('caption', { class: 'visually-hidden' }, t('keys.usageCaption', { name: key.name })),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { attrs: { scope: 'col' } }, t('keys.day')),
                h('th', { attrs: { scope: 'col' } }, t('keys.requests')),
                h('th', { attrs: { scope: 'col' } }, t('keys.codes')),
                h('th', { attrs: { scope: 'col' } }, t('keys.errors')),
              ),
            ),
            h('tbody', {}, ...used.map(row)),
            h(
              'tfoot',
              {},
              h(
                'tr',
                { class: 'usage-total' },
                h('th', { attrs: { scope: 'row' } }, t('keys.total')),
                h('td', { class: 'usage-requests' }, num(totals.requests)),
                h('td', { class: 'usage-codes' }, num(totals.codes)),
                h('td', { class: 'usage-errors' }, num(totals.errors)),
              ),
            ),
          ),
        ),
      );
    }
    content.push(h('p', { class: 'hint' }, t('keys.usageNote')));
  }
  return h(
    'section',
    {
      class: 'key-usage',
      id: `key-usage-${key.id}`,
      attrs: { 'aria-labelledby': titleId, 'aria-busy': usage.loading ? 'true' : undefined },
    },
    h('h4', { id: titleId }, t('keys.usageTitle')),
    ...content,
  );
}

/** Thirty bars, oldest on the left; the table says the same to screen readers, so the chart is hidden from them. */
function usageChart(ctx: Ctx, series: UsageDay[]): HTMLElement {
  const max = Math.max(0, ...series.map((d) => d.requests));
  const chart = h('div', { class: 'usage-chart', attrs: { 'aria-hidden': 'true' } });
  for (const d of [...series].reverse()) {
    const bar = h('span', {
      class: `usage-bar${d.errors ? ' usage-bar--errors' : ''}`,
      attrs: { title: ctx.t('keys.bar', { day: formatDay(d.day), requests: d.requests }), 'data-day': d.day },
    });
    bar.style.height = `${barPercent(d.requests, max)}%`;
    chart.append(h('span', { class: 'usage-col' }, bar));
  }
  return chart;
}
