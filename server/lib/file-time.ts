/** 2026-11-23T10-15-00Z: a UTC time for a file name (no colons, no fraction: safe on every file system). */
export const fileTime = (now: Date) =>
  now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
