/**
 * The words of the pages themselves (the bar, the index pages, alert titles, the reading aids), in
 * the page's language: a small catalog per language, English for a language it does not have.
 *
 * A locale finds its catalog by its whole tag, then by language and script (`zh-TW` and `zh-HK` are
 * `zh-Hant`, `zh-CN` is `zh-Hans`), then by its language alone (`de-AT` → `de`). To add a language,
 * add an entry to CATALOGS with every key of `EN` (the type requires them) and a test page in its
 * locale; numbers are written by the functions, so word order and plurals are the language's.
 */

export interface Messages {
  allDocuments: string;
  allLanguages: string;
  /** The coverage line of a page: `pct` is already formatted (`87.5%`). */
  coverage(pct: string, translated: number, total: number): string;
  /** The summary line of a locale's index page. */
  indexSummary(documents: number, pct: string | undefined, sentences: number): string;
  languages: string;
  document: string;
  path: string;
  translated: string;
  showEnglish: string;
  notTranslated: string;
  video: string;
  /** The table of contents (its label and its toggle on narrow screens). */
  contents: string;
  /** The label of the breadcrumb (the TOC path to the page). */
  breadcrumb: string;
  previous: string;
  next: string;
  /** The label of the previous/next links. */
  pager: string;
  alerts: Record<AlertKind, string>;
  /** The search box: its label, the line when nothing matches, the count of pages found (`{n}`), the line when search cannot run. */
  search: { label: string; none: string; found: string; unavailable: string };
}

export type AlertKind = 'note' | 'tip' | 'important' | 'caution' | 'warning';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const EN: Messages = {
  allDocuments: 'All documents',
  allLanguages: 'All languages',
  coverage: (pct, t, n) => `${pct} translated (${t} of ${plural(n, 'sentence', 'sentences')})`,
  indexSummary: (d, pct, s) => (pct === undefined ? `${plural(d, 'document', 'documents')}.` : `${plural(d, 'document', 'documents')}, ${pct} of ${plural(s, 'sentence', 'sentences')} translated.`),
  languages: 'Languages',
  document: 'Document',
  path: 'Path',
  translated: 'Translated',
  showEnglish: 'Show English',
  notTranslated: 'Not translated yet',
  video: 'Video',
  contents: 'Contents',
  breadcrumb: 'Breadcrumb',
  previous: 'Previous',
  next: 'Next',
  pager: 'Previous and next pages',
  alerts: { note: 'Note', tip: 'Tip', important: 'Important', caution: 'Caution', warning: 'Warning' },
  search: { label: 'Search', none: 'No pages found', found: 'Pages found: {n}', unavailable: 'Search works when the site is served over HTTP (sxs serve), not from files opened directly' },
};

const CATALOGS: Record<string, Messages> = {
  en: EN,
  de: {
    allDocuments: 'Alle Dokumente',
    allLanguages: 'Alle Sprachen',
    coverage: (pct, t, n) => `${pct} übersetzt (${t} von ${plural(n, 'Satz', 'Sätzen')})`,
    indexSummary: (d, pct, s) => (pct === undefined ? `${plural(d, 'Dokument', 'Dokumente')}.` : `${plural(d, 'Dokument', 'Dokumente')}, ${pct} von ${plural(s, 'Satz', 'Sätzen')} übersetzt.`),
    languages: 'Sprachen',
    document: 'Dokument',
    path: 'Pfad',
    translated: 'Übersetzt',
    showEnglish: 'Englisch anzeigen',
    notTranslated: 'Noch nicht übersetzt',
    video: 'Video',
    contents: 'Inhalt',
    breadcrumb: 'Navigationspfad',
    previous: 'Zurück',
    next: 'Weiter',
    pager: 'Vorherige und nächste Seite',
    alerts: { note: 'Hinweis', tip: 'Tipp', important: 'Wichtig', caution: 'Vorsicht', warning: 'Warnung' },
    search: {
      label: 'Suchen',
      none: 'Keine Seiten gefunden',
      found: 'Gefundene Seiten: {n}',
      unavailable: 'Die Suche funktioniert, wenn die Website über HTTP bereitgestellt wird (sxs serve), nicht mit direkt geöffneten Dateien',
    },
  },
  fr: {
    allDocuments: 'Tous les documents',
    allLanguages: 'Toutes les langues',
    coverage: (pct, t, n) => `${pct} traduit (${t} sur ${plural(n, 'phrase', 'phrases')})`,
    indexSummary: (d, pct, s) => (pct === undefined ? `${plural(d, 'document', 'documents')}.` : `${plural(d, 'document', 'documents')}, ${pct} de ${plural(s, 'phrase', 'phrases')} traduites.`),
    languages: 'Langues',
    document: 'Document',
    path: 'Chemin',
    translated: 'Traduit',
    showEnglish: 'Afficher l’anglais',
    notTranslated: 'Pas encore traduit',
    video: 'Vidéo',
    contents: 'Sommaire',
    breadcrumb: 'Fil d’Ariane',
    previous: 'Précédent',
    next: 'Suivant',
    pager: 'Pages précédente et suivante',
    alerts: { note: 'Remarque', tip: 'Conseil', important: 'Important', caution: 'Attention', warning: 'Avertissement' },
    search: {
      label: 'Rechercher',
      none: 'Aucune page trouvée',
      found: 'Pages trouvées : {n}',
      unavailable: 'La recherche fonctionne lorsque le site est servi en HTTP (sxs serve), pas depuis des fichiers ouverts directement',
    },
  },
  es: {
    allDocuments: 'Todos los documentos',
    allLanguages: 'Todos los idiomas',
    coverage: (pct, t, n) => `${pct} traducido (${t} de ${plural(n, 'frase', 'frases')})`,
    indexSummary: (d, pct, s) => (pct === undefined ? `${plural(d, 'documento', 'documentos')}.` : `${plural(d, 'documento', 'documentos')}, ${pct} de ${plural(s, 'frase', 'frases')} traducidas.`),
    languages: 'Idiomas',
    document: 'Documento',
    path: 'Ruta',
    translated: 'Traducido',
    showEnglish: 'Mostrar inglés',
    notTranslated: 'Aún no traducido',
    video: 'Vídeo',
    contents: 'Contenido',
    breadcrumb: 'Ruta de navegación',
    previous: 'Anterior',
    next: 'Siguiente',
    pager: 'Páginas anterior y siguiente',
    alerts: { note: 'Nota', tip: 'Sugerencia', important: 'Importante', caution: 'Precaución', warning: 'Advertencia' },
    search: {
      label: 'Buscar',
      none: 'No se encontraron páginas',
      found: 'Páginas encontradas: {n}',
      unavailable: 'La búsqueda funciona cuando el sitio se sirve por HTTP (sxs serve), no desde archivos abiertos directamente',
    },
  },
  ja: {
    allDocuments: 'すべてのドキュメント',
    allLanguages: 'すべての言語',
    coverage: (pct, t, n) => `${pct} 翻訳済み (${n} 文中 ${t} 文)`,
    indexSummary: (d, pct, s) => (pct === undefined ? `${d} 件のドキュメント。` : `${d} 件のドキュメント、${s} 文の ${pct} が翻訳済み。`),
    languages: '言語',
    document: 'ドキュメント',
    path: 'パス',
    translated: '翻訳済み',
    showEnglish: '英語を表示',
    notTranslated: 'まだ翻訳されていません',
    video: '動画',
    contents: '目次',
    breadcrumb: '階層リンク',
    previous: '前へ',
    next: '次へ',
    pager: '前後のページ',
    alerts: { note: '注意', tip: 'ヒント', important: '重要', caution: '注意事項', warning: '警告' },
    search: {
      label: '検索',
      none: 'ページが見つかりません',
      found: '見つかったページ: {n}',
      unavailable: '検索は HTTP で配信されたサイト (sxs serve) で動作します。直接開いたファイルでは動作しません',
    },
  },
  ko: {
    allDocuments: '모든 문서',
    allLanguages: '모든 언어',
    coverage: (pct, t, n) => `${pct} 번역됨 (${n}개 문장 중 ${t}개)`,
    indexSummary: (d, pct, s) => (pct === undefined ? `문서 ${d}개.` : `문서 ${d}개, 문장 ${s}개 중 ${pct} 번역됨.`),
    languages: '언어',
    document: '문서',
    path: '경로',
    translated: '번역됨',
    showEnglish: '영어 표시',
    notTranslated: '아직 번역되지 않음',
    video: '동영상',
    contents: '목차',
    breadcrumb: '이동 경로',
    previous: '이전',
    next: '다음',
    pager: '이전 및 다음 페이지',
    alerts: { note: '참고', tip: '팁', important: '중요', caution: '주의', warning: '경고' },
    search: { label: '검색', none: '찾은 페이지가 없습니다', found: '찾은 페이지: {n}', unavailable: '검색은 사이트를 HTTP로 제공할 때(sxs serve) 작동하며, 파일을 직접 열면 작동하지 않습니다' },
  },
  'zh-Hant': {
    allDocuments: '所有文件',
    allLanguages: '所有語言',
    coverage: (pct, t, n) => `已翻譯 ${pct}（${n} 個句子中的 ${t} 個）`,
    indexSummary: (d, pct, s) => (pct === undefined ? `${d} 份文件。` : `${d} 份文件，${s} 個句子已翻譯 ${pct}。`),
    languages: '語言',
    document: '文件',
    path: '路徑',
    translated: '已翻譯',
    showEnglish: '顯示英文',
    notTranslated: '尚未翻譯',
    video: '影片',
    contents: '目錄',
    breadcrumb: '導覽路徑',
    previous: '上一頁',
    next: '下一頁',
    pager: '上一頁和下一頁',
    alerts: { note: '注意', tip: '提示', important: '重要', caution: '警示', warning: '警告' },
    search: { label: '搜尋', none: '找不到頁面', found: '找到的頁面：{n}', unavailable: '搜尋需透過 HTTP 提供網站 (sxs serve) 才能使用，直接開啟檔案時無法使用' },
  },
  'zh-Hans': {
    allDocuments: '所有文档',
    allLanguages: '所有语言',
    coverage: (pct, t, n) => `已翻译 ${pct}（${n} 个句子中的 ${t} 个）`,
    indexSummary: (d, pct, s) => (pct === undefined ? `${d} 个文档。` : `${d} 个文档，${s} 个句子已翻译 ${pct}。`),
    languages: '语言',
    document: '文档',
    path: '路径',
    translated: '已翻译',
    showEnglish: '显示英文',
    notTranslated: '尚未翻译',
    video: '视频',
    contents: '目录',
    breadcrumb: '导航路径',
    previous: '上一页',
    next: '下一页',
    pager: '上一页和下一页',
    alerts: { note: '注意', tip: '提示', important: '重要', caution: '谨慎', warning: '警告' },
    search: { label: '搜索', none: '未找到页面', found: '找到的页面：{n}', unavailable: '搜索需要通过 HTTP 提供网站 (sxs serve) 才能使用，直接打开文件时无法使用' },
  },
};

/** The catalog key a locale reads: `zh-TW` → `zh-Hant`, `de-DE` → `de`. */
export function catalogKey(locale: string): string {
  const [lang = '', ...rest] = locale.toLowerCase().split(/[-_]/);
  if (lang === 'zh') {
    if (rest.includes('hant') || rest.some((r) => ['tw', 'hk', 'mo'].includes(r))) return 'zh-Hant';
    return 'zh-Hans';
  }
  return lang;
}

/** The words of a page in `locale` (English when there is no catalog for it). */
export function messagesFor(locale: string): Messages {
  return CATALOGS[catalogKey(locale)] ?? EN;
}

/** The languages with a catalog (for tests and docs). */
export const CATALOG_LANGUAGES: readonly string[] = Object.keys(CATALOGS);
