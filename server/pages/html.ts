/** HTML text is built only through escape(): content from users or data never becomes markup. */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

export type PageMeta = { title: string; description: string; url: string; image?: string };

/** Puts <title>, description and Open Graph tags into the app's index.html. */
export function withMeta(indexHtml: string, meta: PageMeta): string {
  const tags = [
    `<title>${escape(meta.title)}</title>`,
    `<meta name="description" content="${escape(meta.description)}">`,
    `<meta property="og:type" content="website">`,
    `<meta property="og:site_name" content="Mã địa chỉ số">`,
    `<meta property="og:title" content="${escape(meta.title)}">`,
    `<meta property="og:description" content="${escape(meta.description)}">`,
    `<meta property="og:url" content="${escape(meta.url)}">`,
    ...(meta.image ? [`<meta property="og:image" content="${escape(meta.image)}">`] : []),
    `<meta name="twitter:card" content="summary">`,
  ].join('\n    ');
  // replacer functions: a replacement string would read `$&`, `$\``, `$'` in user text as patterns and copy page markup in
  return indexHtml.replace(/<title>[\s\S]*?<\/title>/, () => '').replace('</head>', () => `    ${tags}\n  </head>`);
}
