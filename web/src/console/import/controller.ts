/**
 * Importing addresses from a file: a chosen file is checked at once (a dry run, with upload
 * progress); a file whose rows are all valid can then be committed. Exports are plain links.
 */
import { apiErrorMessage } from '../../common/messages.js';
import type { ImportReport, ImportResult } from '../../common/types.js';
import { importUrl } from '../api.js';
import { asApiError, type ConsoleDeps } from '../deps.js';
import { importMediaType, MAX_IMPORT_BYTES, normalizeReport } from './report.js';
import { upload } from './upload.js';

const showProgress = (p: number) => {
  const bar = document.getElementById('import-progress') as HTMLProgressElement | null;
  if (bar) bar.value = p;
};

export function createImportController(deps: ConsoleDeps & { loadAddresses(): Promise<void>; refreshSoon(delay?: number): void }) {
  const { state, render, announce, t } = deps;

  async function chooseFile(file: File | null) {
    state.import = { fileName: file?.name ?? null, file: null, mediaType: null, phase: { name: 'idle' }, error: null };
    if (!file || !state.wardCode) return render();
    if (file.size === 0) {
      state.import.error = { key: 'import.empty' };
      return render();
    }
    if (file.size > MAX_IMPORT_BYTES) {
      state.import.error = { key: 'import.tooBig', vars: { mb: Math.round(MAX_IMPORT_BYTES / 1024 / 1024) } };
      return render();
    }
    const mediaType = importMediaType(file.name, await file.slice(0, 512).text());
    if (!mediaType) {
      state.import.error = { key: 'import.badType' };
      return render();
    }
    Object.assign(state.import, { file, mediaType, phase: { name: 'checking', progress: 0 } });
    render();
    const chosen = state.import;
    const ward = state.wardCode;
    try {
      const { body } = await upload<ImportReport>({
        url: importUrl(ward, true),
        body: file,
        contentType: mediaType,
        onProgress: (p) => {
          if (state.import === chosen && chosen.phase.name === 'checking') {
            chosen.phase = { name: 'checking', progress: p };
            showProgress(p);
          }
        },
      });
      if (state.import !== chosen) return;
      chosen.phase = { name: 'checked', report: normalizeReport(body, true) };
    } catch (error) {
      if (state.import !== chosen) return;
      const e = asApiError(error);
      if (e.status === 422 && Array.isArray(e.problem.rows))
        chosen.phase = { name: 'refused', report: normalizeReport({ rows: e.problem.rows }, true) };
      else {
        chosen.phase = { name: 'failed' };
        chosen.error =
          e.status === 400 || e.status === 413
            ? { key: 'error.invalid', vars: { detail: e.problem.detail ?? String(e.status) } }
            : apiErrorMessage(e);
      }
    }
    render();
    document.getElementById('import-summary')?.focus();
  }

  async function commitImport() {
    const chosen = state.import;
    const phase = chosen.phase;
    if (phase.name !== 'checked' || !chosen.file || !chosen.mediaType || !state.wardCode) return;
    const report = phase.report;
    chosen.phase = { name: 'committing', progress: 0, report };
    render();
    try {
      const { body } = await upload<ImportResult & Partial<ImportReport>>({
        url: importUrl(state.wardCode, false),
        body: chosen.file,
        contentType: chosen.mediaType,
        onProgress: showProgress,
      });
      if (state.import !== chosen) return;
      chosen.phase = { name: 'imported', imported: body.imported ?? 0, report: normalizeReport(body, false) };
      announce(t('import.done', { count: body.imported ?? 0 }));
      await deps.loadAddresses();
      deps.refreshSoon(0);
    } catch (error) {
      if (state.import !== chosen) return;
      const e = asApiError(error);
      if (e.status === 422 && Array.isArray(e.problem.rows))
        chosen.phase = { name: 'refused', report: normalizeReport({ rows: e.problem.rows }, false) };
      else {
        chosen.phase = { name: 'checked', report };
        chosen.error =
          e.status === 409
            ? { key: 'error.conflict' }
            : e.status === 400
              ? { key: 'error.invalid', vars: { detail: e.problem.detail ?? '400' } }
              : apiErrorMessage(e);
      }
    }
    render();
  }

  return {
    chooseFile: (file: File | null) => void chooseFile(file),
    commitImport: () => void commitImport(),
  };
}
export type ImportController = ReturnType<typeof createImportController>;
