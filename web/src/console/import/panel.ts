/** The import and export tab: a file's check, its report row by row, the commit; the ward's downloads. */
import { h } from '../../common/dom.js';
import { exportUrl } from '../api.js';
import { formatNumber as number, type PanelCtx } from '../view.js';
import type { ImportController } from './controller.js';
import { canCommit, sortRows, type ImportPhase } from './report.js';

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
      h(
        'thead',
        {},
        h('tr', {}, h('th', { attrs: { scope: 'col' } }, t('import.row')), h('th', { attrs: { scope: 'col' } }, t('import.result'))),
      ),
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

export function importPanel(ctx: PanelCtx, actions: ImportController): Node[] {
  const { t, say, lang, state } = ctx;
  const imp = state.import;
  const phase = imp.phase;
  const input = h('input', {
    attrs: {
      type: 'file',
      id: 'import-file',
      accept: '.csv,.geojson,.json,text/csv,application/geo+json,application/json',
      'aria-describedby': 'import-help',
    },
  });
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
    nodes.push(
      h(
        'p',
        { class: r.invalid ? 'error' : 'notice', id: 'import-summary', attrs: { role: 'status' } },
        t('import.summary', { total: number(lang, r.total), valid: number(lang, r.valid), invalid: number(lang, r.invalid) }),
      ),
    );
    if (phase.name === 'refused')
      nodes.push(h('p', { class: 'error', id: 'import-refused', attrs: { role: 'alert' } }, t('import.refused')));
    else if (r.invalid) nodes.push(h('p', { class: 'hint hint--strong', id: 'import-fix' }, t('import.fixFirst')));
    if (phase.name === 'imported')
      nodes.push(
        h(
          'p',
          { class: 'success', id: 'import-done', attrs: { role: 'status' } },
          t('import.done', { count: number(lang, phase.imported) }),
        ),
      );
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
        h(
          'a',
          {
            class: 'btn btn--secondary',
            id: 'export-csv',
            attrs: { href: exportUrl(state.wardCode, 'csv'), download: `addresses-${state.wardCode}.csv` },
          },
          t('export.csv'),
        ),
        h(
          'a',
          {
            class: 'btn btn--secondary',
            id: 'export-geojson',
            attrs: { href: exportUrl(state.wardCode, 'geojson'), download: `addresses-${state.wardCode}.geojson` },
          },
          t('export.geojson'),
        ),
      ),
    );
  }
  return nodes.filter((n): n is Node => n !== null);
}
