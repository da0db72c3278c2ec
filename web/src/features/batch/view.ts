/** The view of this screen (a CSV file run through the API): what the panel shows; the controller changes it. */
import type { Message } from '../../i18n/household.js';
import type { BatchKind } from './detect.js';

/**
 * "Xử lý tệp CSV": a file of codes or addresses, read in the browser, sent in chunks, answered as
 * an enriched file to download. The rows themselves stay in the batch controller, not in the view.
 */
export type BatchView = {
  name: 'batch';
  phase: 'choose' | 'reading' | 'ready' | 'running' | 'done';
  file: null | { name: string; rows: number; header: string[]; headerless: boolean };
  /** what the header (or the first rows) say the file holds; null when nothing does */
  detected: BatchKind | null;
  kind: BatchKind;
  /** index of the column to read */
  column: number;
  /** rows answered so far */
  done: number;
  /** the enriched file, ready to download */
  output: null | { url: string; fileName: string; rows: number; failed: number; kind: BatchKind };
  error: Message | null;
  /** the last run was cancelled */
  cancelled: boolean;
};

export const newBatchView = (): BatchView => ({
  name: 'batch',
  phase: 'choose',
  file: null,
  detected: null,
  kind: 'codes',
  column: 0,
  done: 0,
  output: null,
  error: null,
  cancelled: false,
});
