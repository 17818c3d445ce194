/** The page's own words per language (html/messages.ts): which catalog a locale reads, and English as the fallback. */
import { describe, expect, it } from 'vitest';
import { CATALOG_LANGUAGES, catalogKey, messagesFor } from '../pipeline/html/messages.js';

describe('message catalogs', () => {
  it('a locale reads its language, Chinese by script, English when there is none', () => {
    expect(catalogKey('de-DE')).toBe('de');
    expect(catalogKey('zh-TW')).toBe('zh-Hant');
    expect(catalogKey('zh-Hant-HK')).toBe('zh-Hant');
    expect(catalogKey('zh-CN')).toBe('zh-Hans');
    expect(messagesFor('ja-JP').showEnglish).toBe('英語を表示');
    expect(messagesFor('sv-SE')).toBe(messagesFor('en-US'));
  });

  it('every catalog translates every word (no English left in another language)', () => {
    const en = messagesFor('en');
    for (const lang of CATALOG_LANGUAGES.filter((l) => l !== 'en')) {
      const m = messagesFor(lang);
      for (const key of ['allDocuments', 'allLanguages', 'showEnglish', 'notTranslated', 'languages'] as const) expect(m[key], `${lang} ${key}`).not.toBe(en[key]);
      expect(m.coverage('50%', 1, 2)).toContain('50%');
      expect(m.indexSummary(3, '50%', 2)).toContain('3');
      expect(Object.keys(m.alerts).sort()).toEqual(Object.keys(en.alerts).sort());
    }
  });
});
