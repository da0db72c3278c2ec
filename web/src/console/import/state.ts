/** Importing a file: the one chosen, how it is sent, and where its check or commit stands. */
import type { Message } from '../../i18n/console.js';
import type { ImportMediaType, ImportPhase } from './report.js';

export type ImportState = {
  fileName: string | null;
  file: Blob | null;
  mediaType: ImportMediaType | null;
  phase: ImportPhase;
  error: Message | null;
};

export const initialImport = (): ImportState => ({ fileName: null, file: null, mediaType: null, phase: { name: 'idle' }, error: null });
