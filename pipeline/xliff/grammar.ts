/**
 * Schema-level structure of XLIFF 2.x (core and modules), as tables: for each element its
 * attributes and their types, required attributes, allowed `xml:` attributes, whether foreign
 * (`##other`) attributes are allowed, and its content model. Derived from the OASIS XSDs in
 * ../shared/fixtures/xliff/schemas (2.0/2.1 core + modules, 2.2 core).
 */

export type AttrType =
  | 'string'
  | 'NMTOKEN'
  | 'NMTOKENS'
  | 'yesNo'
  | 'yesNoFirstNo'
  | 'dir'
  | 'appliesTo'
  | 'userDefined'
  | 'codeType'
  | 'mrkType'
  | 'priority'
  | 'state'
  | 'positiveInteger'
  | 'hex'
  | 'language'
  | 'anyURI'
  | 'similarity'
  | readonly string[];

/** One step of a content model: elements of these local names (or foreign ones), min..max times. */
export interface Particle {
  names: readonly string[] | 'other';
  min: number;
  max: number;
  /** Names in another namespace than the element's own (module elements reusing core ones). */
  ns?: string;
}

export type Content =
  | { kind: 'empty' }
  /** Text only (no child elements). */
  | { kind: 'text' }
  /** Text and inline elements (source, target, pc, mrk). */
  | { kind: 'inline' }
  /** Text and `<cp>` (data). */
  | { kind: 'data' }
  /** Text and foreign elements (skeleton). */
  | { kind: 'mixedOther' }
  /** Anything (lax). */
  | { kind: 'any' }
  | { kind: 'elements'; particles: readonly Particle[] };

export interface ElementSpec {
  attrs: Readonly<Record<string, AttrType>>;
  required?: readonly string[];
  xml?: readonly ('lang' | 'space')[];
  /** Foreign-namespace attributes allowed: any (true), or only those of the modules ('modules'). */
  other?: boolean | 'modules';
  content: Content;
}

const one = (...names: string[]): Particle => ({ names, min: 1, max: 1 });
const opt = (...names: string[]): Particle => ({ names, min: 0, max: 1 });
const many = (...names: string[]): Particle => ({ names, min: 0, max: Infinity });
const some = (...names: string[]): Particle => ({ names, min: 1, max: Infinity });
const others: Particle = { names: 'other', min: 0, max: Infinity };

const CODE_COMMON: Record<string, AttrType> = {
  canCopy: 'yesNo',
  canDelete: 'yesNo',
  canReorder: 'yesNoFirstNo',
  copyOf: 'NMTOKEN',
  subType: 'userDefined',
  type: 'codeType',
};

export const CORE: Readonly<Record<string, ElementSpec>> = {
  xliff: {
    attrs: { version: 'string', srcLang: 'language', trgLang: 'language' },
    required: ['version', 'srcLang'],
    xml: ['space'],
    other: true,
    content: { kind: 'elements', particles: [some('file')] },
  },
  /** XLIFF 2.2 allows notes and metadata before the files. */
  xliff22: {
    attrs: { version: 'string', srcLang: 'language', trgLang: 'language' },
    required: ['version', 'srcLang'],
    xml: ['space'],
    other: true,
    content: { kind: 'elements', particles: [opt('notes'), { names: ['metadata'], min: 0, max: 1, ns: 'urn:oasis:names:tc:xliff:metadata:2.0' }, some('file')] },
  },
  file: {
    attrs: { id: 'NMTOKEN', canResegment: 'yesNo', original: 'string', translate: 'yesNo', srcDir: 'dir', trgDir: 'dir' },
    required: ['id'],
    xml: ['space'],
    other: true,
    content: { kind: 'elements', particles: [opt('skeleton'), others, opt('notes'), some('unit', 'group')] },
  },
  skeleton: { attrs: { href: 'string' }, content: { kind: 'mixedOther' } },
  group: {
    attrs: { id: 'NMTOKEN', name: 'string', canResegment: 'yesNo', translate: 'yesNo', srcDir: 'dir', trgDir: 'dir', type: 'userDefined' },
    required: ['id'],
    xml: ['space'],
    other: true,
    content: { kind: 'elements', particles: [others, opt('notes'), many('unit', 'group')] },
  },
  unit: {
    attrs: { id: 'NMTOKEN', name: 'string', canResegment: 'yesNo', translate: 'yesNo', srcDir: 'dir', trgDir: 'dir', type: 'userDefined' },
    required: ['id'],
    xml: ['space'],
    other: true,
    content: { kind: 'elements', particles: [others, opt('notes'), opt('originalData'), some('segment', 'ignorable')] },
  },
  segment: {
    attrs: { id: 'NMTOKEN', canResegment: 'yesNo', state: 'state', subState: 'string' },
    content: { kind: 'elements', particles: [one('source'), opt('target')] },
  },
  ignorable: { attrs: { id: 'NMTOKEN' }, content: { kind: 'elements', particles: [one('source'), opt('target')] } },
  notes: { attrs: {}, content: { kind: 'elements', particles: [some('note')] } },
  note: { attrs: { id: 'NMTOKEN', appliesTo: 'appliesTo', category: 'string', priority: 'priority' }, other: true, content: { kind: 'text' } },
  originalData: { attrs: {}, content: { kind: 'elements', particles: [some('data')] } },
  data: { attrs: { id: 'NMTOKEN', dir: 'dir' }, required: ['id'], xml: ['space'], content: { kind: 'data' } },
  source: { attrs: {}, xml: ['lang', 'space'], content: { kind: 'inline' } },
  target: { attrs: { order: 'positiveInteger' }, xml: ['lang', 'space'], content: { kind: 'inline' } },
  cp: { attrs: { hex: 'hex' }, required: ['hex'], content: { kind: 'empty' } },
  ph: {
    attrs: { ...CODE_COMMON, disp: 'string', equiv: 'string', id: 'NMTOKEN', dataRef: 'NMTOKEN', subFlows: 'NMTOKENS' },
    required: ['id'],
    other: 'modules',
    content: { kind: 'empty' },
  },
  pc: {
    attrs: {
      ...CODE_COMMON,
      canOverlap: 'yesNo',
      dispEnd: 'string',
      dispStart: 'string',
      equivEnd: 'string',
      equivStart: 'string',
      id: 'NMTOKEN',
      dataRefEnd: 'NMTOKEN',
      dataRefStart: 'NMTOKEN',
      subFlowsEnd: 'NMTOKENS',
      subFlowsStart: 'NMTOKENS',
      dir: 'dir',
    },
    required: ['id'],
    other: 'modules',
    content: { kind: 'inline' },
  },
  sc: {
    attrs: { ...CODE_COMMON, canOverlap: 'yesNo', dataRef: 'NMTOKEN', dir: 'dir', disp: 'string', equiv: 'string', id: 'NMTOKEN', isolated: 'yesNo', subFlows: 'NMTOKENS' },
    required: ['id'],
    other: 'modules',
    content: { kind: 'empty' },
  },
  ec: {
    attrs: {
      ...CODE_COMMON,
      canOverlap: 'yesNo',
      dataRef: 'NMTOKEN',
      dir: 'dir',
      disp: 'string',
      equiv: 'string',
      id: 'NMTOKEN',
      isolated: 'yesNo',
      startRef: 'NMTOKEN',
      subFlows: 'NMTOKENS',
    },
    other: 'modules',
    content: { kind: 'empty' },
  },
  mrk: { attrs: { id: 'NMTOKEN', translate: 'yesNo', type: 'mrkType', ref: 'anyURI', value: 'string' }, required: ['id'], other: true, content: { kind: 'inline' } },
  sm: { attrs: { id: 'NMTOKEN', translate: 'yesNo', type: 'mrkType', ref: 'anyURI', value: 'string' }, required: ['id'], other: true, content: { kind: 'empty' } },
  em: { attrs: { startRef: 'NMTOKEN' }, required: ['startRef'], content: { kind: 'empty' } },
};

/** Namespaces of the modules whose attributes may sit on inline codes. */
export const MODULE_ATTRIBUTE_NAMESPACES: ReadonlySet<string> = new Set([
  'urn:oasis:names:tc:xliff:fs:2.0',
  'urn:oasis:names:tc:xliff:sizerestriction:2.0',
  'http://www.w3.org/2005/11/its',
  'urn:oasis:names:tc:xliff:itsm:2.1',
]);

export const INLINE_ELEMENTS: ReadonlySet<string> = new Set(['cp', 'ph', 'pc', 'sc', 'ec', 'mrk', 'sm', 'em']);

export const NS = {
  core20: 'urn:oasis:names:tc:xliff:document:2.0',
  core22: 'urn:oasis:names:tc:xliff:document:2.2',
  mtc: 'urn:oasis:names:tc:xliff:matches:2.0',
  gls: 'urn:oasis:names:tc:xliff:glossary:2.0',
  fs: 'urn:oasis:names:tc:xliff:fs:2.0',
  mda: 'urn:oasis:names:tc:xliff:metadata:2.0',
  res: 'urn:oasis:names:tc:xliff:resourcedata:2.0',
  slr: 'urn:oasis:names:tc:xliff:sizerestriction:2.0',
  val: 'urn:oasis:names:tc:xliff:validation:2.0',
  ctr20: 'urn:oasis:names:tc:xliff:changetracking:2.0',
  ctr21: 'urn:oasis:names:tc:xliff:changetracking:2.1',
  its: 'http://www.w3.org/2005/11/its',
  itsm: 'urn:oasis:names:tc:xliff:itsm:2.1',
  xml: 'http://www.w3.org/XML/1998/namespace',
} as const;

/** Module elements, by namespace then local name. A module element reusing a core element names its namespace. */
export function moduleSpecs(core: string): Readonly<Record<string, Readonly<Record<string, ElementSpec>>>> {
  const coreEl = (...names: string[]): Particle => ({ names, min: 1, max: 1, ns: core });
  const mtc: Record<string, ElementSpec> = {
    matches: { attrs: {}, content: { kind: 'elements', particles: [some('match')] } },
    match: {
      attrs: {
        id: 'NMTOKEN',
        matchQuality: 'similarity',
        matchSuitability: 'similarity',
        origin: 'string',
        ref: 'anyURI',
        reference: 'yesNo',
        similarity: 'similarity',
        subType: 'userDefined',
        type: ['am', 'mt', 'icm', 'idm', 'tb', 'tm', 'other'],
      },
      required: ['ref'],
      other: true,
      content: {
        kind: 'elements',
        particles: [{ names: ['metadata'], min: 0, max: 1, ns: NS.mda }, { names: ['originalData'], min: 0, max: 1, ns: core }, coreEl('source'), coreEl('target'), others],
      },
    },
  };
  const gls: Record<string, ElementSpec> = {
    glossary: { attrs: {}, content: { kind: 'elements', particles: [some('glossEntry')] } },
    glossEntry: { attrs: { id: 'NMTOKEN', ref: 'anyURI' }, other: true, content: { kind: 'elements', particles: [one('term'), many('translation'), opt('definition'), others] } },
    term: { attrs: { source: 'string' }, other: true, content: { kind: 'text' } },
    translation: { attrs: { id: 'NMTOKEN', ref: 'anyURI', source: 'string' }, other: true, content: { kind: 'text' } },
    definition: { attrs: { source: 'string' }, other: true, content: { kind: 'text' } },
  };
  const mda: Record<string, ElementSpec> = {
    metadata: { attrs: { id: 'NMTOKEN' }, content: { kind: 'elements', particles: [some('metaGroup')] } },
    metaGroup: { attrs: { id: 'NMTOKEN', category: 'string', appliesTo: ['source', 'target', 'ignorable'] }, content: { kind: 'elements', particles: [some('metaGroup', 'meta')] } },
    meta: { attrs: { type: 'string' }, required: ['type'], content: { kind: 'text' } },
  };
  const res: Record<string, ElementSpec> = {
    resourceData: { attrs: {}, content: { kind: 'elements', particles: [many('resourceItemRef'), many('resourceItem')] } },
    resourceItemRef: { attrs: { id: 'NMTOKEN', ref: 'NMTOKEN' }, required: ['ref'], other: true, content: { kind: 'empty' } },
    resourceItem: { attrs: { mimeType: 'string', id: 'NMTOKEN', context: 'yesNo' }, other: true, content: { kind: 'elements', particles: [opt('source'), opt('target'), many('reference')] } },
    source: { attrs: { href: 'string' }, xml: ['lang'], other: true, content: { kind: 'any' } },
    target: { attrs: { href: 'string' }, xml: ['lang'], other: true, content: { kind: 'any' } },
    reference: { attrs: { href: 'string' }, required: ['href'], xml: ['lang'], other: true, content: { kind: 'empty' } },
  };
  const slr: Record<string, ElementSpec> = {
    profiles: { attrs: { generalProfile: 'string', storageProfile: 'string' }, content: { kind: 'elements', particles: [opt('normalization'), others] } },
    normalization: { attrs: { general: ['none', 'nfc', 'nfd'], storage: ['none', 'nfc', 'nfd'] }, content: { kind: 'empty' } },
    data: { attrs: { profile: 'string' }, required: ['profile'], other: true, content: { kind: 'elements', particles: [others] } },
  };
  const val: Record<string, ElementSpec> = {
    validation: { attrs: {}, other: true, content: { kind: 'elements', particles: [some('rule')] } },
    rule: {
      attrs: {
        isPresent: 'string',
        occurs: 'positiveInteger',
        isNotPresent: 'string',
        startsWith: 'string',
        endsWith: 'string',
        existsInSource: 'yesNo',
        caseSensitive: 'yesNo',
        normalization: ['none', 'nfc', 'nfd'],
        disabled: 'yesNo',
      },
      other: true,
      content: { kind: 'empty' },
    },
  };
  const ctr: Record<string, ElementSpec> = {
    changeTrack: { attrs: {}, content: { kind: 'elements', particles: [some('revisions')] } },
    revisions: { attrs: { appliesTo: 'NMTOKEN', ref: 'NMTOKEN', currentVersion: 'NMTOKEN' }, required: ['appliesTo'], other: true, content: { kind: 'elements', particles: [some('revision')] } },
    revision: { attrs: { author: 'string', datetime: 'string', version: 'NMTOKEN' }, other: true, content: { kind: 'elements', particles: [some('item')] } },
    item: { attrs: { property: 'string' }, required: ['property'], other: true, content: { kind: 'any' } },
  };
  return { [NS.mtc]: mtc, [NS.gls]: gls, [NS.mda]: mda, [NS.res]: res, [NS.slr]: slr, [NS.val]: val, [NS.ctr20]: ctr, [NS.ctr21]: ctr };
}

/** HTML element names allowed as `fs:fs` values. */
export const FS_VALUES: ReadonlySet<string> = new Set(
  'a b bdo big blockquote body br button caption center cite code col colgroup dd del div dl dt em h1 h2 h3 h4 h5 h6 head hr html i img label legend li ol p pre q s samp select small span strike strong sub sup table tbody td tfoot th thead title tr tt u ul'.split(
    ' ',
  ),
);
