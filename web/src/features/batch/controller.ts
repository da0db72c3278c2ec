/**
 * The "Xử lý tệp CSV" screen's behaviour: read the chosen file (any size up to MAX_FILE_ROWS),
 * say what it holds, send it in chunks, and offer the joined answer as a download (Blob + object
 * URL). The rows live here, not in the view, which only says what to show. The app's controller
 * wires it to its view and its actions.
 */
import { ApiError } from '../../common/api.js';
import type { Lang, MessageKey, Vars } from '../../i18n/household.js';
import { apiErrorMessage } from '../../common/messages.js';
import type { View } from '../../shell/state.js';
import { newBatchView, type BatchView } from './view.js';
import { decodeFile, parseCsv } from './csv.js';
import { detectKind, syntheticHeader, type BatchKind } from './detect.js';
import { MAX_FILE_BYTES, MAX_FILE_ROWS, runBatch, type PostChunk } from './run.js';

type Table = { header: string[]; rows: string[][]; delimiter: string };

/**
 * Header names the API can be told (?column=): an empty one becomes "column_N", a repeated one
 * gets "_2", "_3"… so that each column has a name of its own.
 */
export function uniqueNames(header: readonly string[]): string[] {
  const seen = new Set<string>();
  return header.map((raw, i) => {
    const base = raw.trim() ? raw : `column_${i + 1}`;
    let name = base;
    for (let n = 2; seen.has(name.trim()); n++) name = `${base}_${n}`;
    seen.add(name.trim());
    return name;
  });
}

export function createBatchController({
  current,
  show,
  post,
  announce,
  reveal,
  t,
  lang,
}: {
  current: () => View;
  show: (view: BatchView, options?: { focus?: boolean }) => void;
  post: PostChunk;
  announce: (text: string) => void;
  /** bring an element of the panel into sight (and focus it when it can take focus) */
  reveal: (id: string) => void;
  t: (key: MessageKey, vars?: Vars) => string;
  lang: () => Lang;
}) {
  let table: Table | null = null;
  let running: AbortController | null = null;
  let url: string | null = null;
  /** the file being read: a newer choice wins */
  let readSeq = 0;

  const view = (): BatchView | null => {
    const v = current();
    return v.name === 'batch' ? v : null;
  };
  const update = (patch: Partial<BatchView>) => {
    const v = view();
    if (v) show({ ...v, ...patch });
  };
  const count = (n: number) => new Intl.NumberFormat(lang() === 'vi' ? 'vi-VN' : 'en-GB').format(n);

  function forgetResult() {
    if (url) URL.revokeObjectURL(url);
    url = null;
  }

  function stop() {
    running?.abort();
    running = null;
  }

  async function choose(file: File | null) {
    stop();
    forgetResult();
    table = null;
    const seq = ++readSeq;
    if (!file) return show(newBatchView());
    const fail = (key: MessageKey, vars?: Vars) => {
      if (seq === readSeq) show({ ...newBatchView(), error: { key, vars } });
    };
    if (file.size === 0) return fail('batch.empty');
    if (file.size > MAX_FILE_BYTES) return fail('batch.tooBig', { mb: Math.round(MAX_FILE_BYTES / 1024 / 1024) });
    show({ ...newBatchView(), phase: 'reading' });
    let rows: string[][];
    let delimiter: string;
    try {
      ({ rows, delimiter } = parseCsv(decodeFile(new Uint8Array(await file.arrayBuffer()))));
    } catch {
      return fail('batch.badCsv');
    }
    if (seq !== readSeq) return;
    if (rows.length === 0) return fail('batch.empty');
    const detection = detectKind(rows.slice(0, 201));
    const width = Math.max(...rows.slice(0, 201).map((r) => r.length));
    const header = uniqueNames(detection.headerless ? syntheticHeader(width, detection.column) : rows[0]!);
    const data = detection.headerless ? rows : rows.slice(1);
    if (data.length === 0) return fail('batch.noRows');
    if (data.length > MAX_FILE_ROWS) return fail('batch.tooMany', { max: count(MAX_FILE_ROWS), rows: count(data.length) });
    table = { header, rows: data, delimiter };
    show({
      ...newBatchView(),
      phase: 'ready',
      file: { name: file.name, rows: data.length, header, headerless: detection.headerless },
      detected: detection.kind,
      kind: detection.kind ?? 'addresses',
      column: detection.column,
    });
    announce(t('batch.fileRows', { name: file.name, rows: count(data.length) }));
  }

  async function start() {
    const v = view();
    if (!v || !table || v.phase === 'running' || !v.file) return;
    forgetResult();
    const job = new AbortController();
    running = job;
    const { kind, column, file } = v;
    show({ ...v, phase: 'running', done: 0, output: null, error: null, cancelled: false });
    reveal('batch-progress-text');
    try {
      const out = await runBatch(
        { ...table, kind, column },
        {
          post,
          signal: job.signal,
          onProgress: (done) => {
            // the user went to another screen: the run stops
            if (!view()) return job.abort();
            if (running === job) update({ done });
          },
        },
      );
      if (running !== job || !view()) return;
      running = null;
      const blob = new Blob(['\uFEFF', ...out.parts], { type: 'text/csv;charset=utf-8' });
      url = URL.createObjectURL(blob);
      const base = file.name.replace(/\.(csv|tsv|txt)$/i, '');
      const output = { url, fileName: `${base}-${t('batch.fileSuffix')}.csv`, rows: out.rows, failed: out.failed, kind };
      update({ phase: 'done', done: out.rows, output });
      reveal('batch-download');
      announce(summary(output));
    } catch (error) {
      if (running !== job) return; // cancelled, or replaced by another file
      running = null;
      const e = error instanceof ApiError ? error : new ApiError('network', 0, {});
      update({ phase: 'ready', error: apiErrorMessage(e) });
      reveal('batch-error');
    }
  }

  function rechoose(patch: Partial<BatchView>) {
    const v = view();
    if (!v || v.phase === 'running' || v.phase === 'reading') return;
    if (v.phase === 'done') forgetResult();
    show({ ...v, ...patch, ...(v.phase === 'done' ? { phase: 'ready', output: null, done: 0 } : {}) });
  }

  function summary(r: NonNullable<BatchView['output']>): string {
    const vars = { ok: count(r.rows - r.failed), failed: count(r.failed), rows: count(r.rows) };
    return t(r.kind === 'codes' ? 'batch.summaryCodes' : 'batch.summaryAddresses', vars);
  }

  return {
    open() {
      stop();
      forgetResult();
      table = null;
      readSeq++;
      show(newBatchView(), { focus: true });
    },
    choose: (file: File | null) => void choose(file),
    /** Another kind or column: a result of the old choice is dropped. */
    setKind: (kind: BatchKind) => rechoose({ kind }),
    setColumn: (column: number) => rechoose({ column }),
    start: () => void start(),
    cancel() {
      const v = view();
      if (!v || v.phase !== 'running') return;
      stop();
      show({ ...v, phase: 'ready', done: 0, cancelled: true });
    },
    summary,
  };
}
export type BatchController = ReturnType<typeof createBatchController>;

/** "Xử lý tệp CSV": a file of codes or addresses enriched in chunks */
export type BatchActions = {
  openBatch(): void;
  chooseBatchFile(file: File | null): void;
  setBatchKind(kind: BatchKind): void;
  setBatchColumn(column: number): void;
  startBatch(): void;
  cancelBatch(): void;
};

/** The panel's actions; `opened` runs once the screen is open (the shell forgets what was under way). */
export const batchActions = (batch: BatchController, opened: () => void): BatchActions => ({
  openBatch() {
    batch.open();
    opened();
  },
  chooseBatchFile: (file) => batch.choose(file),
  setBatchKind: (kind) => batch.setKind(kind),
  setBatchColumn: (column) => batch.setColumn(column),
  startBatch: () => batch.start(),
  cancelBatch: () => batch.cancel(),
});
