/**
 * "Xử lý tệp CSV": choose a file (or drop it on the box), see how many rows it has and what it
 * holds (codes or addresses, which column; both can be changed), start, watch the rows go by,
 * download the enriched file. Text is set as text only.
 */
import type { BatchKind } from './detect.js';
import { MAX_FILE_ROWS } from './run.js';
import { button, h } from '../../common/dom.js';
import type { Ctx } from '../../shell/context.js';
import { heading } from '../../shell/simple-panels.js';
import type { BatchView } from './view.js';

const KINDS: BatchKind[] = ['codes', 'addresses'];

export function batchPanel(ctx: Ctx, view: BatchView): Node[] {
  const { t, say, actions, lang } = ctx;
  const count = (n: number) => new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(n);
  const busy = view.phase === 'running' || view.phase === 'reading';
  const nodes: (Node | null)[] = [heading(t('batch.title')), h('p', { class: 'lead' }, t('batch.intro')), dropZone(ctx, busy)];

  if (view.phase === 'reading') nodes.push(h('p', { class: 'loading', attrs: { role: 'status' } }, t('batch.reading')));
  const file = view.file;
  if (file) {
    nodes.push(
      h('p', { class: 'file-name', id: 'batch-file-info' }, t('batch.fileRows', { name: file.name, rows: count(file.rows) })),
      file.headerless ? h('p', { class: 'hint', id: 'batch-headerless' }, t('batch.headerless')) : null,
      h(
        'fieldset',
        { class: 'profiles batch-kinds' },
        h('legend', {}, t('batch.kind')),
        ...KINDS.map((kind) =>
          h(
            'label',
            { class: 'profile-option' },
            h('input', {
              id: `batch-kind-${kind}`,
              attrs: { type: 'radio', name: 'batch-kind', value: kind, checked: kind === view.kind, disabled: busy },
              on: { change: () => actions.setBatchKind(kind) },
            }),
            h('span', {}, t(kind === 'codes' ? 'batch.kindCodes' : 'batch.kindAddresses')),
          ),
        ),
      ),
      h(
        'p',
        { class: 'hint', id: 'batch-detected' },
        view.detected ? t(view.detected === 'codes' ? 'batch.detectedCodes' : 'batch.detectedAddresses') : t('batch.detectedNone'),
      ),
      columnField(ctx, view, file.header, busy),
      h('p', { class: 'hint' }, t(view.kind === 'codes' ? 'batch.codesHelp' : 'batch.addressesHelp')),
      h(
        'button',
        {
          class: 'btn btn--primary btn--wide',
          id: 'batch-start',
          attrs: { type: 'button', disabled: busy },
          on: { click: () => actions.startBatch() },
        },
        t('batch.start', { rows: count(file.rows) }),
      ),
    );
  }

  if (file && (view.phase === 'running' || view.phase === 'done')) {
    const percent = file.rows ? Math.floor((view.done / file.rows) * 100) : 0;
    nodes.push(
      h('progress', {
        id: 'batch-progress',
        attrs: { max: file.rows, value: view.done, 'aria-label': t('batch.progressLabel'), 'aria-describedby': 'batch-progress-text' },
      }),
      h(
        'p',
        { class: 'batch-progress-text', id: 'batch-progress-text', attrs: { 'data-done': view.done, 'data-total': file.rows } },
        t('batch.progress', { done: count(view.done), total: count(file.rows), percent }),
      ),
    );
    if (view.phase === 'running') nodes.push(button(t('batch.cancel'), () => actions.cancelBatch(), 'secondary', { id: 'batch-cancel' }));
  }
  if (view.cancelled && view.phase === 'ready')
    nodes.push(h('p', { class: 'notice', id: 'batch-cancelled', attrs: { role: 'status' } }, t('batch.cancelled')));
  if (view.error) nodes.push(h('p', { class: 'error', id: 'batch-error', attrs: { role: 'alert' } }, say(view.error)));

  const result = view.output;
  if (view.phase === 'done' && result) {
    const vars = { ok: count(result.rows - result.failed), failed: count(result.failed), rows: count(result.rows) };
    nodes.push(
      h(
        'p',
        {
          class: result.failed ? 'notice' : 'success',
          id: 'batch-summary',
          attrs: { role: 'status', 'data-ok': result.rows - result.failed, 'data-failed': result.failed },
        },
        t(result.kind === 'codes' ? 'batch.summaryCodes' : 'batch.summaryAddresses', vars),
      ),
      h(
        'a',
        { class: 'btn btn--primary btn--wide', id: 'batch-download', attrs: { href: result.url, download: result.fileName } },
        t('batch.download', { name: result.fileName }),
      ),
      h('p', { class: 'hint' }, t('batch.excel')),
    );
  }
  nodes.push(
    h('p', { class: 'hint' }, t('batch.privacy')),
    button(t('batch.back'), () => actions.goHome(), 'quiet', { id: 'batch-back' }),
  );
  return nodes.filter((n): n is Node => n !== null);
}

/** The file input inside a box that also takes a dropped file (desktop). */
function dropZone({ t, actions, lang }: Ctx, busy: boolean): Node {
  const input = h('input', {
    id: 'batch-file',
    class: 'drop-zone-input',
    attrs: {
      type: 'file',
      accept: '.csv,.tsv,.txt,text/csv,text/plain,text/tab-separated-values',
      disabled: busy,
      'aria-describedby': 'batch-drop-hint',
    },
  });
  input.addEventListener('change', () => actions.chooseBatchFile(input.files?.[0] ?? null));
  const zone = h(
    'label',
    { class: 'drop-zone', attrs: { for: 'batch-file' } },
    h('span', { class: 'drop-zone-title' }, t('batch.choose')),
    h(
      'span',
      { class: 'hint', id: 'batch-drop-hint' },
      t('batch.drop', { max: new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(MAX_FILE_ROWS) }),
    ),
    input,
  );
  const over = (on: boolean) => zone.classList.toggle('drop-zone--over', on);
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = busy ? 'none' : 'copy';
    over(!busy);
  });
  zone.addEventListener('dragleave', () => over(false));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    over(false);
    const file = event.dataTransfer?.files?.[0];
    if (file && !busy) actions.chooseBatchFile(file);
  });
  return zone;
}

function columnField({ t, actions }: Ctx, view: BatchView, header: string[], busy: boolean): Node {
  const select = h(
    'select',
    { id: 'batch-column', attrs: { disabled: busy } },
    ...header.map((name, i) =>
      h('option', { attrs: { value: i, selected: i === view.column } }, name.trim() ? name : t('batch.columnN', { n: i + 1 })),
    ),
  );
  select.addEventListener('change', () => actions.setBatchColumn(Number(select.value)));
  return h('div', { class: 'field' }, h('label', { attrs: { for: 'batch-column' } }, t('batch.column')), select);
}
