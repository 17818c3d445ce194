/**
 * The conventions of the bilingual format that differ between generations of the publishing
 * pipeline (docs/format.md, "Generations"). A published file shows which ones it follows; harvest
 * reads them from the file and records them per document and locale in the store, so a rebuild
 * writes that file's generation. Documents never harvested use the project's profile
 * (`sxs.config.json` "format"), whose default is the current format.
 *
 * Each convention is a yes/no flag, stored as `yes`/`no`; a flag a file gives no evidence of is not
 * recorded, and then the project's profile decides.
 */

export interface Conventions {
  /** `<a name="slug"></a>` before the text of a heading (spec §6). */
  anchors: boolean;
  /**
   * Markup at the edges of a sentence, where its translation has the same, is written outside the
   * pair: emphasis around the whole sentence (`**…**`, `*…*`, `<strong>…</strong>` …), and tokens
   * with no text before or after its text (HTML tags, code spans, autolinks):
   * `<a href="" id="x"></a>**<span …>T</span><span class="sxs-lookup">…S</span></span>**`.
   */
  peelMarkup: boolean;
  /**
   * No-break spaces of the English are text, not spaces, to Markdown (two before a line end make no
   * hard break), stay as they are outside spans, and are left out of SOURCE; otherwise they are read
   * and written as spaces. Documents are parsed accordingly (commands/common.ts `docFor`).
   */
  keepNbsp: boolean;
}

export type ConventionKey = keyof Conventions;

export const CONVENTION_KEYS: readonly ConventionKey[] = ['anchors', 'peelMarkup', 'keepNbsp'];

/** Today's format: the generation of the files our first fixtures came from. */
export const DEFAULT_CONVENTIONS: Readonly<Conventions> = { anchors: true, peelMarkup: false, keepNbsp: false };

export function isConventionKey(key: string): key is ConventionKey {
  return (CONVENTION_KEYS as readonly string[]).includes(key);
}

/** The conventions in force: recorded ones over the project's profile over the defaults. */
export function effectiveConventions(profile: Partial<Conventions> | undefined, recorded: Partial<Conventions> | undefined): Conventions {
  return { ...DEFAULT_CONVENTIONS, ...profile, ...recorded };
}

/** How a document is read in a locale: keeping no-break spaces or not (recorded, else the profile's). */
export function keepsNbsp(profile: Partial<Conventions> | undefined, recorded: Partial<Conventions> | undefined): boolean {
  return recorded?.keepNbsp ?? profile?.keepNbsp ?? DEFAULT_CONVENTIONS.keepNbsp;
}
