/** Whether a language tag and a locale name one language (`de` and `de-DE`, `zh_TW` and `zh-TW`), case-insensitively. */
export function sameLanguage(tag: string, locale: string): boolean {
  const a = tag.toLowerCase().replace(/_/g, '-');
  const b = locale.toLowerCase().replace(/_/g, '-');
  return a === b || a === b.split('-')[0] || b === a.split('-')[0];
}
