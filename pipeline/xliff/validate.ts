/**
 * `sxs validate`: XLIFF well-formedness, schema-level structure (grammar.ts) and the processing
 * requirements of XLIFF 2.x the XSD cannot express (ids unique per scope, `dataRef` targets,
 * `sc`/`ec` and `sm`/`em` pairing, `subState` needs `state`, `subType` needs `type`, `canReorder`
 * sequences, non-removable codes, target order, languages, `xml:space`, comment references,
 * fragment identifiers, `cp` values, and the module rules of mtc, gls, mda, res, slr, val, ctr, fs).
 * XLIFF 1.x files get structural checks of the 1.2 core.
 */
import { CORE, FS_VALUES, INLINE_ELEMENTS, MODULE_ATTRIBUTE_NAMESPACES, moduleSpecs, NS, type AttrType, type ElementSpec, type Particle } from './grammar.js';
import { attr, decodeXml, parseXml, XmlError, type XmlAttribute, type XmlElement } from '../core/xml.js';
import { pushAll } from '../util/arrays.js';
import type { Finding } from '../core/problems.js';
import { schemaFindings, type SchemaVersion } from './schema.js';

export type { Finding };

const NMTOKEN = /^[\p{L}\p{N}._:\-\u00B7\u0300-\u036F\u203F-\u2040]+$/u;
/** BCP 47: a primary language subtag of 2–3 (or 5–8) letters, or x-/i- private and grandfathered tags. */
const LANGUAGE = /^(?:[a-zA-Z]{2,3}|[a-zA-Z]{5,8}|[xXiI](?=-))(?:-[a-zA-Z0-9]{1,8})*$/;
const USER_DEFINED = /^[^\s:]+:[^\s:]+$/;

function typeError(type: AttrType, value: string): string | undefined {
  if (Array.isArray(type)) return type.includes(value) ? undefined : `one of ${type.join(', ')}`;
  switch (type) {
    case 'string':
    case 'anyURI':
      return undefined;
    case 'NMTOKEN':
      return NMTOKEN.test(value) ? undefined : 'an NMTOKEN (letters, digits, . - _ :)';
    case 'NMTOKENS':
      return value
        .trim()
        .split(/\s+/)
        .every((t) => NMTOKEN.test(t))
        ? undefined
        : 'a list of NMTOKENs';
    case 'yesNo':
      return value === 'yes' || value === 'no' ? undefined : 'yes or no';
    case 'yesNoFirstNo':
      return ['yes', 'no', 'firstNo'].includes(value) ? undefined : 'yes, no or firstNo';
    case 'dir':
      return ['ltr', 'rtl', 'auto'].includes(value) ? undefined : 'ltr, rtl or auto';
    case 'appliesTo':
      return value === 'source' || value === 'target' ? undefined : 'source or target';
    case 'userDefined':
      return USER_DEFINED.test(value) ? undefined : 'prefix:value';
    case 'codeType':
      return ['fmt', 'ui', 'quote', 'link', 'image', 'other'].includes(value) ? undefined : 'fmt, ui, quote, link, image or other';
    case 'mrkType':
      return ['generic', 'comment', 'term'].includes(value) || USER_DEFINED.test(value) ? undefined : 'generic, comment, term or prefix:value';
    case 'priority':
      return /^(10|[1-9])$/.test(value) ? undefined : 'an integer from 1 to 10';
    case 'state':
      return ['initial', 'translated', 'reviewed', 'final'].includes(value) ? undefined : 'initial, translated, reviewed or final';
    case 'positiveInteger':
      return /^\+?0*[1-9][0-9]*$/.test(value) ? undefined : 'a positive integer';
    case 'hex':
      return /^([0-9a-fA-F]{2})+$/.test(value) ? undefined : 'hexadecimal digits';
    case 'language':
      return LANGUAGE.test(value) ? undefined : 'a BCP 47 language tag';
    case 'similarity': {
      const n = Number(value);
      return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value) && n >= 0 && n <= 100 ? undefined : 'a number from 0 to 100';
    }
  }
}

const isXmlChar = (cp: number) => cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);

/** Registered fragment-identifier prefixes: core, modules and registered extensions. */
const FRAG_PREFIXES = new Set(['f', 'g', 'u', 'n', 'd', 't', 'mtc', 'gls', 'ctr', 'res', 'mda', 'slr', 'val', 'fs', 'its', 'tbx']);

export interface Fragment {
  absolute: boolean;
  parts: Array<{ prefix?: string; id: string }>;
}

/** Parses an XLIFF fragment identifier (the part after `#`); returns an error message or the parts. */
export function parseFragment(frag: string): Fragment | string {
  const absolute = frag.startsWith('/');
  const body = absolute ? frag.slice(1) : frag;
  if (body === '') return 'an empty fragment identifier';
  const parts = body.split('/').map((p) => {
    const eq = p.indexOf('=');
    return eq < 0 ? { id: p } : { prefix: p.slice(0, eq), id: p.slice(eq + 1) };
  });
  const stage = (p: string | undefined) => (p === 'f' ? 0 : p === 'g' ? 1 : p === 'u' ? 2 : 3);
  let last = -1;
  const seen = new Set<string>();
  for (let i = 0; i < parts.length; i++) {
    const { prefix, id } = parts[i]!;
    if (!NMTOKEN.test(id)) return `${JSON.stringify(id)} is not an NMTOKEN`;
    if (prefix !== undefined) {
      if (!NMTOKEN.test(prefix)) return `prefix ${JSON.stringify(prefix)} is not an NMTOKEN`;
      if (!FRAG_PREFIXES.has(prefix)) return `unknown prefix ${JSON.stringify(prefix)}`;
      if (seen.has(prefix) && prefix !== 'g') return `prefix ${prefix} appears twice`;
      seen.add(prefix);
    }
    const s = stage(prefix);
    if (s < last || (s === last && s !== 1)) return `selectors out of order (f, then g, then u, then one leaf)`;
    if (s === 3 && i !== parts.length - 1) return 'the leaf selector must be the last one';
    last = s;
  }
  if (absolute && parts[0]!.prefix !== 'f') return 'an absolute fragment identifier starts with f=';
  return { absolute, parts };
}

/** Inline elements that may stand for each other in a target: the same element, or a paired code split into sc/ec (sm/em). */
function sameKind(source: string, target: string): boolean {
  const kind = (l: string) => (l === 'pc' || l === 'sc' || l === 'ec' ? 'code' : l === 'mrk' || l === 'sm' ? 'marker' : l);
  return source === target || kind(source) === kind(target);
}

class Validator {
  readonly findings: Finding[] = [];
  private readonly modules: ReturnType<typeof moduleSpecs>;
  private srcLang = '';
  private trgLang: string | undefined;
  private root: XmlElement | undefined;

  constructor(private readonly core: string) {
    this.modules = moduleSpecs(core);
  }

  report(node: { line: number; column: number }, rule: string, message: string): void {
    this.findings.push({ line: node.line, column: node.column, rule, severity: 'error', message });
  }

  // ------------------------------------------------------------ structure

  private specFor(el: XmlElement): ElementSpec | undefined | null {
    if (el.uri === this.core) return CORE[el.local] ?? null;
    const mod = this.modules[el.uri];
    if (mod) return mod[el.local] ?? null;
    return undefined;
  }

  private checkAttributes(el: XmlElement, spec: ElementSpec): void {
    for (const a of el.attributes) {
      if (a.uri === '') {
        // XLIFF 2.2 notes can point at what they annotate.
        const type = spec.attrs[a.local] ?? (this.core === NS.core22 && el.local === 'note' && a.local === 'ref' ? 'anyURI' : undefined);
        if (type === undefined) this.report(el, 'xliff/attribute', `<${el.name}> has no attribute ${a.name}`);
        else {
          const expected = typeError(type, a.value);
          if (expected) this.report(el, 'xliff/attribute', `${a.name}=${JSON.stringify(a.value)} on <${el.name}>: expected ${expected}`);
        }
      } else if (a.uri === NS.xml) {
        // The xml: namespace is foreign to XLIFF: xml:lang is allowed wherever ##other attributes are.
        const matchLang = el.uri === NS.mtc && el.local === 'match';
        if (!(spec.xml as readonly string[] | undefined)?.includes(a.local) && !(spec.other === true && a.local === 'lang' && !matchLang)) {
          this.report(el, 'xliff/attribute', `<${el.name}> cannot have ${a.name}`);
        } else if (a.local === 'lang' && !LANGUAGE.test(a.value)) this.report(el, 'xliff/attribute', `xml:lang=${JSON.stringify(a.value)} is not a language tag`);
        else if (a.local === 'space' && a.value !== 'default' && a.value !== 'preserve') this.report(el, 'xliff/attribute', `xml:space must be default or preserve`);
        else if (a.local === 'space' && el.local === 'data' && el.uri === this.core && a.value !== 'preserve') this.report(el, 'xliff/attribute', `xml:space on <data> is fixed to preserve`);
      } else if (a.uri === this.core || !spec.other || (spec.other === 'modules' && !MODULE_ATTRIBUTE_NAMESPACES.has(a.uri))) {
        this.report(el, 'xliff/attribute', `<${el.name}> cannot have the attribute ${a.name}${spec.other === 'modules' ? ' (only module attributes are allowed on inline codes)' : ''}`);
      } else this.moduleAttribute(el, a);
    }
    for (const r of spec.required ?? []) if (attr(el, r) === undefined) this.report(el, 'xliff/attribute', `<${el.name}> needs the attribute ${r}`);
  }

  private matches(p: Particle, child: XmlElement, ownNs: string): boolean {
    if (p.names === 'other') return child.uri !== ownNs && child.uri !== this.core && child.uri !== '';
    return child.uri === (p.ns ?? ownNs) && p.names.includes(child.local);
  }

  structure(el: XmlElement, spec: ElementSpec): void {
    this.checkAttributes(el, spec);
    const content = spec.content;
    const elements = el.children.filter((c): c is XmlElement => c.type === 'element');
    const text = el.children.some((c) => (c.type === 'text' || c.type === 'cdata') && c.value.trim() !== '');
    switch (content.kind) {
      case 'any':
        return;
      case 'empty':
      case 'text':
        if (content.kind === 'empty' && text) this.report(el, 'xliff/structure', `<${el.name}> must be empty`);
        for (const c of elements) this.report(c, 'xliff/structure', `<${c.name}> is not allowed in <${el.name}>`);
        return;
      case 'data':
        for (const c of elements) {
          if (c.uri === this.core && c.local === 'cp') this.structure(c, CORE.cp!);
          else this.report(c, 'xliff/structure', `<${c.name}> is not allowed in <${el.name}> (only text and <cp>)`);
        }
        return;
      case 'mixedOther':
        for (const c of elements) if (c.uri === this.core || c.uri === '') this.report(c, 'xliff/structure', `<${c.name}> is not allowed in <${el.name}>`);
        return;
      case 'inline':
        for (const c of elements) {
          if (c.uri === this.core && INLINE_ELEMENTS.has(c.local)) this.structure(c, CORE[c.local]!);
          else this.report(c, 'xliff/structure', `<${c.name}> is not an inline element allowed in <${el.name}>`);
        }
        return;
      case 'elements':
        break;
    }
    if (text) this.report(el, 'xliff/structure', `<${el.name}> cannot contain text`);
    const particles = content.particles;
    let pi = 0;
    let count = 0;
    for (const child of elements) {
      if (this.specFor(child) === undefined && !this.fits(particles, pi, count, child, el.uri)) {
        // An extension element out of place: an error (XLIFF 2 allows extensions only where its schema says),
        // and the XLIFF content around it is still checked.
        this.report(child, 'xliff/structure', `the extension element <${child.name}> is not allowed here in <${el.name}>`);
        this.descend(child);
        continue;
      }
      for (;;) {
        const p = particles[pi];
        if (!p) {
          this.report(child, 'xliff/structure', `<${child.name}> is not allowed here in <${el.name}>`);
          break;
        }
        if (this.matches(p, child, el.uri) && count < p.max) {
          count++;
          this.descend(child);
          break;
        }
        if (count < p.min) this.report(child, 'xliff/structure', `<${el.name}> needs ${this.describe(p)} before <${child.name}>`);
        pi++;
        count = 0;
      }
    }
    for (; pi < particles.length; pi++, count = 0) {
      const p = particles[pi]!;
      if (count < p.min) this.report(el, 'xliff/structure', `<${el.name}> needs ${this.describe(p)}`);
    }
  }

  /** Whether `child` can be taken by the particle at `pi` (holding `count`) or a later one, with nothing required skipped. */
  private fits(particles: readonly Particle[], pi: number, count: number, child: XmlElement, ownNs: string): boolean {
    for (let i = pi, n = count; i < particles.length; i++, n = 0) {
      const p = particles[i]!;
      if (this.matches(p, child, ownNs) && n < p.max) return true;
      if (n < p.min) return false;
    }
    return false;
  }

  private describe(p: Particle): string {
    return p.names === 'other' ? 'an extension element' : p.names.map((n) => `<${n}>`).join(' or ');
  }

  private descend(child: XmlElement): void {
    const spec = this.specFor(child);
    if (spec === null) this.report(child, 'xliff/structure', `<${child.name}> is not an element of its namespace (${child.uri})`);
    else if (spec) this.structure(child, spec);
    else this.extension(child);
  }

  /** Foreign elements are processed laxly; ids among their children must be unique. */
  private extension(el: XmlElement): void {
    for (const a of el.attributes) if (a.uri !== '' && a.uri !== NS.xml && a.uri !== el.uri) this.moduleAttribute(el, a);
    this.uniqueExtensionIds(el);
    for (const c of el.children) if (c.type === 'element' && c.uri !== el.uri && this.specFor(c) !== undefined) this.descend(c);
  }

  uniqueExtensionIds(parent: XmlElement): void {
    const seen = new Set<string>();
    for (const c of parent.children) {
      if (c.type !== 'element' || c.uri === this.core || this.modules[c.uri] || c.uri === '') continue;
      const id = c.attributes.find((a) => a.local === 'id' && (a.uri === '' || a.uri === NS.xml))?.value;
      if (id === undefined) continue;
      if (seen.has(id)) this.report(c, 'xliff/id-unique', `extension element id ${JSON.stringify(id)} is used twice in <${parent.name}>`);
      seen.add(id);
    }
    for (const c of parent.children) if (c.type === 'element' && c.uri !== this.core && !this.modules[c.uri] && c.uri !== '') this.uniqueExtensionIds(c);
  }

  // ------------------------------------------------------------ module attributes

  private moduleAttribute(el: XmlElement, a: XmlAttribute): void {
    if (a.uri === NS.fs) {
      if (a.local !== 'fs' && a.local !== 'subFs') this.report(el, 'fs/attribute', `fs:${a.local} is not an attribute of the fs module`);
      else if (el.uri === this.core && el.local === 'ec' && attr(el, 'isolated') !== 'yes')
        this.report(el, 'fs/attribute', `fs:${a.local} is only allowed on an isolated <ec> (a closing <ec> takes its <sc>'s)`);
      else if (a.local === 'fs' && !FS_VALUES.has(a.value)) this.report(el, 'fs/value', `fs:fs=${JSON.stringify(a.value)} is not an HTML element the fs module allows`);
      else if (a.local === 'subFs' && attr(el, 'fs:fs') === undefined && !el.attributes.some((x) => x.uri === NS.fs && x.local === 'fs')) {
        this.report(el, 'fs/subfs', 'fs:subFs needs fs:fs on the same element');
      }
    } else if (a.uri === NS.slr) {
      const known = ['sizeRestriction', 'storageRestriction', 'equivStorage', 'sizeInfo', 'sizeInfoRef'];
      if (!known.includes(a.local)) this.report(el, 'slr/attribute', `slr:${a.local} is not an attribute of the size restriction module`);
      else if ((a.local === 'sizeRestriction' || a.local === 'storageRestriction') && !/^(\*|[0-9]+)(,(\*|[0-9]+))?$/.test(a.value)) {
        this.report(el, 'slr/value', `slr:${a.local}=${JSON.stringify(a.value)}: expected a maximum, or minimum,maximum (integers or *)`);
      } else if ((a.local === 'equivStorage' || a.local === 'sizeInfo') && /^[+-]?[0-9.]+$/.test(a.value) && !/^[0-9]+$/.test(a.value)) {
        // The value's syntax belongs to the profile; a number must be a non-negative integer.
        this.report(el, 'slr/value', `slr:${a.local}=${JSON.stringify(a.value)}: expected a non-negative integer`);
      } else if (a.local === 'sizeInfoRef' && el.attributes.some((x) => x.uri === NS.slr && x.local === 'sizeInfo')) {
        this.report(el, 'slr/size-info', 'slr:sizeInfo and slr:sizeInfoRef exclude each other');
      }
      if (el.uri === this.core && el.local === 'ec' && attr(el, 'isolated') !== 'yes' && a.local !== 'sizeRestriction' && a.local !== 'storageRestriction') {
        this.report(el, 'slr/ec', `slr:${a.local} is only allowed on an isolated <ec>`);
      }
    }
  }

  // ------------------------------------------------------------ document-level checks

  document(root: XmlElement): void {
    this.root = root;
    this.srcLang = attr(root, 'srcLang') ?? '';
    this.trgLang = attr(root, 'trgLang');
    const files = root.children.filter((c): c is XmlElement => c.type === 'element' && c.uri === this.core && c.local === 'file');
    this.unique(files, 'id', 'xliff/id-unique', 'file id');
    let anyTarget = false;
    for (const f of files) {
      if (this.file(f)) anyTarget = true;
    }
    if (anyTarget && this.trgLang === undefined) this.report(root, 'xliff/trglang', 'trgLang is required when the document has a <target>');
    // Extension elements at any level must have unique ids among siblings.
    this.uniqueExtensionIds(root);
  }

  private unique(elements: readonly XmlElement[], name: string, rule: string, what: string): void {
    const seen = new Set<string>();
    for (const e of elements) {
      const v = attr(e, name);
      if (v === undefined) continue;
      if (seen.has(v)) this.report(e, rule, `${what} ${JSON.stringify(v)} is not unique`);
      seen.add(v);
    }
  }

  private kids(el: XmlElement, local?: string, uri = this.core): XmlElement[] {
    return el.children.filter((c): c is XmlElement => c.type === 'element' && c.uri === uri && (local === undefined || c.local === local));
  }

  private notesOf(container: XmlElement): XmlElement[] {
    return this.kids(container, 'notes').flatMap((n) => this.kids(n, 'note'));
  }

  /** Returns whether the file has a target. */
  private file(file: XmlElement): boolean {
    const skeleton = this.kids(file, 'skeleton')[0];
    if (skeleton) {
      const hasContent = skeleton.children.some((c) => c.type === 'element' || ((c.type === 'text' || c.type === 'cdata') && c.value.trim() !== ''));
      const href = attr(skeleton, 'href') !== undefined;
      if (href === hasContent) this.report(skeleton, 'xliff/skeleton', href ? '<skeleton> has both href and content' : '<skeleton> needs href or content');
    }
    const groupsAndUnits: XmlElement[] = [];
    // Each group's and unit's own path below the file (the groups around it, then itself).
    const pathOf = new Map<XmlElement, XmlElement[]>();
    const walk = (el: XmlElement, path: XmlElement[]) => {
      for (const c of this.kids(el)) {
        if (c.local !== 'group' && c.local !== 'unit') continue;
        groupsAndUnits.push(c);
        pathOf.set(c, [...path, c]);
        if (c.local === 'group') walk(c, pathOf.get(c)!);
      }
    };
    walk(file, []);
    this.unique(groupsAndUnits, 'id', 'xliff/id-unique', 'group/unit id');
    this.unique(this.notesOf(file), 'id', 'xliff/id-unique', 'note id');
    const unitIds = new Set(groupsAndUnits.filter((e) => e.local === 'unit').map((e) => attr(e, 'id')));
    this.moduleContainers(file, file);
    let anyTarget = false;
    for (const e of groupsAndUnits) {
      this.moduleContainers(e, file);
      if (e.local === 'group') this.unique(this.notesOf(e), 'id', 'xliff/id-unique', 'note id');
      else if (this.unit(e, unitIds, [...(this.root ? [this.root] : []), file, ...pathOf.get(e)!])) anyTarget = true;
    }
    return anyTarget;
  }

  /** Effective xml:space of an element (inherited). */
  private space(el: XmlElement, ancestors: readonly XmlElement[]): string {
    const own = el.attributes.find((a) => a.uri === NS.xml && a.local === 'space')?.value;
    if (own) return own;
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const v = ancestors[i]!.attributes.find((a) => a.uri === NS.xml && a.local === 'space')?.value;
      if (v) return v;
    }
    return 'default';
  }

  /** Returns whether the unit has a target. */
  /** `ancestors`: the root, the file, the groups around the unit and the unit (found once per file, not searched per unit). */
  private unit(unit: XmlElement, unitIds: Set<string | undefined>, ancestors: readonly XmlElement[]): boolean {
    const parts = this.kids(unit).filter((c) => c.local === 'segment' || c.local === 'ignorable');
    if (!parts.some((p) => p.local === 'segment')) this.report(unit, 'xliff/structure', `unit ${attr(unit, 'id')} needs at least one <segment>`);
    const notes = this.notesOf(unit);
    this.unique(notes, 'id', 'xliff/id-unique', 'note id');
    const data = this.kids(unit, 'originalData').flatMap((o) => this.kids(o, 'data'));
    this.unique(data, 'id', 'xliff/id-unique', 'data id');
    const dataIds = new Set(data.map((d) => attr(d, 'id')));

    // Ids of segments, ignorables and source inline elements share one scope.
    const scope = new Map<string, XmlElement>();
    const claim = (el: XmlElement, id: string | undefined) => {
      if (id === undefined) return;
      if (scope.has(id)) this.report(el, 'xliff/id-unique', `id ${JSON.stringify(id)} is used twice in unit ${attr(unit, 'id')}`);
      else scope.set(id, el);
    };
    const sources: XmlElement[] = [];
    const targets: XmlElement[] = [];
    const partOf = new Map<XmlElement, XmlElement>();
    for (const p of parts) {
      claim(p, attr(p, 'id'));
      const s = this.kids(p, 'source')[0];
      const t = this.kids(p, 'target')[0];
      if (s) {
        sources.push(s);
        partOf.set(s, p);
      }
      if (t) {
        targets.push(t);
        partOf.set(t, p);
      }
      if (s && t && this.space(s, [...ancestors, unit]) !== this.space(t, [...ancestors, unit])) {
        this.report(t, 'xliff/xml-space', 'the source and target of a segment must have the same xml:space');
      }
      if (s) this.language(s, [...ancestors, unit], this.srcLang, 'source', 'srcLang');
      if (t) this.language(t, [...ancestors, unit], this.trgLang, 'target', 'trgLang');
      if (p.local === 'segment') {
        const state = attr(p, 'state');
        if (attr(p, 'subState') !== undefined && state === undefined) this.report(p, 'xliff/substate', 'subState needs state');
        if (state && state !== 'initial' && !t) this.report(p, 'xliff/state', `a segment in state ${state} needs a <target>`);
      }
    }
    const sourceInline = sources.flatMap((s) => this.inlineOf(s));
    for (const el of sourceInline) if (el.local !== 'em' && el.local !== 'cp' && !(el.local === 'ec' && attr(el, 'id') === undefined)) claim(el, attr(el, 'id'));
    const targetIds = new Set<string>();
    for (const t of targets) {
      for (const el of this.inlineOf(t)) {
        const id = attr(el, 'id');
        if (id === undefined || el.local === 'cp' || el.local === 'em') continue;
        if (targetIds.has(id)) this.report(el, 'xliff/id-unique', `id ${JSON.stringify(id)} is used twice in the targets of unit ${attr(unit, 'id')}`);
        targetIds.add(id);
        // A target's inline element takes the id of its counterpart in the source, or an id nobody uses.
        const owner = scope.get(id);
        if (owner && !sameKind(owner.local, el.local)) {
          this.report(el, 'xliff/id-unique', `<${el.local} id=${JSON.stringify(id)}> in a target reuses the id of the <${owner.local}> of unit ${attr(unit, 'id')}`);
        }
      }
    }

    for (const side of [sources, targets]) {
      const inline = side.flatMap((s) => this.inlineOf(s));
      this.codes(inline, dataIds, unitIds, notes, unit);
      this.pairs(inline);
    }
    this.reorder(sources, targets);
    this.nonRemovable(parts, targets);
    this.order(parts);
    this.moduleUnit(unit, parts, sourceInline);
    return targets.length > 0;
  }

  /** The (inherited) xml:lang of a source or target must be the document's language. */
  private language(el: XmlElement, ancestors: readonly XmlElement[], expected: string | undefined, what: string, name: string): void {
    const langOf = (e: XmlElement) => e.attributes.find((a) => a.uri === NS.xml && a.local === 'lang')?.value;
    let lang = langOf(el);
    for (let i = ancestors.length - 1; lang === undefined && i >= 0; i--) lang = langOf(ancestors[i]!);
    if (lang !== undefined && (expected === undefined || lang.toLowerCase() !== expected.toLowerCase())) {
      this.report(el, 'xliff/xml-lang', `xml:lang=${JSON.stringify(lang)} on <${what}> must equal ${name} (${expected ?? 'absent'})`);
    }
  }

  /** Inline elements of a source or target, in document order. */
  private inlineOf(el: XmlElement): XmlElement[] {
    const out: XmlElement[] = [];
    const walk = (e: XmlElement) => {
      for (const c of this.kids(e)) {
        if (!INLINE_ELEMENTS.has(c.local)) continue;
        out.push(c);
        if (c.local === 'pc' || c.local === 'mrk') walk(c);
      }
    };
    walk(el);
    return out;
  }

  private codes(inline: readonly XmlElement[], dataIds: Set<string | undefined>, unitIds: Set<string | undefined>, notes: readonly XmlElement[], unit: XmlElement): void {
    const ids = new Map<string, XmlElement>();
    for (const el of inline) {
      const id = attr(el, 'id');
      if (id !== undefined && !ids.has(id)) ids.set(id, el);
    }
    for (const el of inline) {
      for (const name of ['dataRef', 'dataRefStart', 'dataRefEnd']) {
        const ref = attr(el, name);
        if (ref !== undefined && !dataIds.has(ref)) this.report(el, 'xliff/data-ref', `${name}=${JSON.stringify(ref)} names no <data> in the unit's <originalData>`);
      }
      const type = attr(el, 'type');
      const subType = attr(el, 'subType');
      if (subType !== undefined && el.local !== 'mrk' && el.local !== 'sm') {
        if (type === undefined) this.report(el, 'xliff/subtype', 'subType needs type');
        else if (subType.startsWith('xlf:')) {
          const needs: Record<string, string> = { 'xlf:lb': 'fmt', 'xlf:pb': 'fmt', 'xlf:b': 'fmt', 'xlf:i': 'fmt', 'xlf:u': 'fmt', 'xlf:var': 'ui' };
          if (!needs[subType]) this.report(el, 'xliff/subtype', `${subType} is not a reserved xlf: subType`);
          else if (needs[subType] !== type) this.report(el, 'xliff/subtype', `subType ${subType} needs type="${needs[subType]}"`);
        }
      }
      const copyOf = attr(el, 'copyOf');
      if (copyOf !== undefined) {
        const base = ids.get(copyOf);
        if (!base) this.report(el, 'xliff/copy-of', `copyOf=${JSON.stringify(copyOf)} names no code of this unit`);
        else if (attr(base, 'canCopy') === 'no') this.report(el, 'xliff/copy-of', `code ${copyOf} has canCopy="no"`);
        if (['dataRef', 'dataRefStart', 'dataRefEnd'].some((n) => attr(el, n) !== undefined)) this.report(el, 'xliff/copy-of', 'a copy (copyOf) cannot have its own original data');
      }
      for (const name of ['subFlows', 'subFlowsStart', 'subFlowsEnd']) {
        const v = attr(el, name);
        if (v === undefined) continue;
        for (const token of v.trim().split(/\s+/)) if (!unitIds.has(token)) this.report(el, 'xliff/subflows', `${name} names ${JSON.stringify(token)}, which is not a unit of this file`);
      }
      if (el.local === 'cp') {
        const hex = attr(el, 'hex') ?? '';
        const cp = Number.parseInt(hex, 16);
        if (/^([0-9a-fA-F]{2})+$/.test(hex) && isXmlChar(cp)) this.report(el, 'xliff/cp', `<cp hex="${hex}"/> is a character XML allows: write it as text`);
      }
      const reorder = attr(el, 'canReorder');
      if ((reorder === 'no' || reorder === 'firstNo') && !(el.local === 'ec' && attr(el, 'startRef') !== undefined)) {
        if (attr(el, 'canCopy') !== 'no' || attr(el, 'canDelete') !== 'no') this.report(el, 'xliff/can-reorder', `canReorder="${reorder}" needs canCopy="no" and canDelete="no"`);
      }
      if ((el.local === 'mrk' || el.local === 'sm') && attr(el, 'type') === 'comment') this.comment(el, notes, unit);
      const ref = attr(el, 'ref');
      if ((el.local === 'mrk' || el.local === 'sm') && ref?.includes('#')) {
        const frag = ref.slice(ref.indexOf('#') + 1);
        const parsed = parseFragment(frag);
        if (typeof parsed === 'string') this.report(el, 'xliff/fragment', `ref=${JSON.stringify(ref)}: ${parsed}`);
      }
    }
  }

  private comment(el: XmlElement, notes: readonly XmlElement[], unit: XmlElement): void {
    const value = attr(el, 'value');
    const ref = attr(el, 'ref');
    if ((value === undefined) === (ref === undefined)) {
      this.report(el, 'xliff/comment', 'a comment annotation needs exactly one of value and ref');
      return;
    }
    if (ref === undefined) return;
    const frag = ref.startsWith('#') ? parseFragment(ref.slice(1)) : 'not a fragment identifier of this document';
    const leaf = typeof frag === 'string' ? undefined : frag.parts[frag.parts.length - 1];
    const fileOk = typeof frag !== 'string' && (!frag.parts.some((p) => p.prefix === 'f') || frag.parts.some((p) => p.prefix === 'u' && p.id === attr(unit, 'id')));
    if (typeof frag === 'string' || leaf?.prefix !== 'n' || !fileOk || !notes.some((n) => attr(n, 'id') === leaf.id)) {
      this.report(el, 'xliff/comment', `ref=${JSON.stringify(ref)} must point to a <note> of this unit (#n=<id>)`);
    }
  }

  /** sc/ec and sm/em pairing over one side (sources or targets) of a unit. */
  private pairs(inline: readonly XmlElement[]): void {
    const open = new Map<string, XmlElement>();
    const closed = new Set<string>();
    const ecs: XmlElement[] = [];
    for (const el of inline) {
      if (el.local === 'sc') {
        if (attr(el, 'isolated') !== 'yes') open.set(attr(el, 'id') ?? '', el);
      } else if (el.local === 'ec') {
        ecs.push(el);
        const isolated = attr(el, 'isolated') === 'yes';
        const startRef = attr(el, 'startRef');
        const id = attr(el, 'id');
        if (isolated) {
          if (startRef !== undefined) this.report(el, 'xliff/sc-ec', 'an isolated <ec> cannot have startRef (it has no <sc> in this unit)');
          if (id === undefined) this.report(el, 'xliff/sc-ec', 'an isolated <ec> needs an id');
          continue;
        }
        if (startRef === undefined) {
          this.report(el, 'xliff/sc-ec', 'an <ec> that is not isolated needs startRef');
          continue;
        }
        if (id !== undefined) this.report(el, 'xliff/sc-ec', 'an <ec> with startRef cannot have an id');
        const sc = open.get(startRef);
        if (!sc) {
          this.report(el, 'xliff/sc-ec', `<ec startRef="${startRef}"> has no <sc id="${startRef}"> before it in the unit`);
          continue;
        }
        open.delete(startRef);
        closed.add(startRef);
        for (const name of ['canCopy', 'canDelete', 'canOverlap']) {
          if ((attr(sc, name) ?? 'yes') !== (attr(el, name) ?? 'yes')) this.report(el, 'xliff/sc-ec', `${name} differs between <sc id="${startRef}"> and its <ec>`);
        }
        const a = attr(sc, 'canReorder') ?? 'yes';
        const b = attr(el, 'canReorder') ?? 'yes';
        if (a !== b && !(a === 'firstNo' && b === 'no')) this.report(el, 'xliff/sc-ec', `canReorder of the <ec> must match its <sc> (${a === 'firstNo' ? 'no' : a})`);
      }
    }
    for (const [id, sc] of open) this.report(sc, 'xliff/sc-ec', `<sc id="${id}"> has no <ec>: mark it isolated="yes" or close it`);
    for (const sc of inline.filter((e) => e.local === 'sc' && attr(e, 'isolated') === 'yes')) {
      const id = attr(sc, 'id');
      if (ecs.some((ec) => attr(ec, 'startRef') === id)) this.report(sc, 'xliff/sc-ec', `<sc id="${id}"> is isolated but an <ec> in the unit closes it`);
    }
    const sms = new Map<string, XmlElement>();
    for (const el of inline) {
      if (el.local === 'sm') sms.set(attr(el, 'id') ?? '', el);
      else if (el.local === 'em') {
        const ref = attr(el, 'startRef') ?? '';
        if (!sms.has(ref)) this.report(el, 'xliff/sm-em', `<em startRef="${ref}"> has no <sm id="${ref}"> before it in the unit`);
        sms.delete(ref);
      }
    }
    for (const [id, sm] of sms) this.report(sm, 'xliff/sm-em', `<sm id="${id}"> has no <em>`);
  }

  /** The code events of a side: ph, sc, ec, pc start and end, in document order. */
  private events(sides: readonly XmlElement[]): Array<{ key: string; el: XmlElement }> {
    const out: Array<{ key: string; el: XmlElement }> = [];
    const walk = (e: XmlElement) => {
      for (const c of this.kids(e)) {
        if (c.local === 'ph' || c.local === 'sc') out.push({ key: attr(c, 'id') ?? '', el: c });
        else if (c.local === 'ec') out.push({ key: `/${attr(c, 'startRef') ?? attr(c, 'id') ?? ''}`, el: c });
        else if (c.local === 'pc') {
          out.push({ key: attr(c, 'id') ?? '', el: c });
          walk(c);
          out.push({ key: `/${attr(c, 'id') ?? ''}`, el: c });
        } else if (c.local === 'mrk') walk(c);
      }
    };
    for (const s of sides) walk(s);
    return out;
  }

  /** canReorder: a "no" follows a "firstNo" or "no"; in the target, a "no" keeps its predecessor. */
  private reorder(sources: readonly XmlElement[], targets: readonly XmlElement[]): void {
    const src = this.events(sources);
    const before = new Map<string, string>();
    src.forEach((e, i) => {
      if (e.key.startsWith('/')) return;
      before.set(e.key, i > 0 ? src[i - 1]!.key : '');
      if (attr(e.el, 'canReorder') === 'no') {
        const prev = src
          .slice(0, i)
          .reverse()
          .find((p) => !p.key.startsWith('/') || p.el.local === 'pc');
        const prevReorder = prev ? attr(prev.el, 'canReorder') : undefined;
        if (prevReorder !== 'no' && prevReorder !== 'firstNo') this.report(e.el, 'xliff/can-reorder', `code ${e.key} has canReorder="no" but does not follow a code with canReorder="firstNo" or "no"`);
      }
    });
    const tgt = this.events(targets);
    tgt.forEach((e, i) => {
      if (e.key.startsWith('/') || attr(e.el, 'canReorder') !== 'no') return;
      const was = before.get(e.key);
      const now = i > 0 ? tgt[i - 1]!.key : '';
      if (was !== undefined && was !== now) this.report(e.el, 'xliff/can-reorder', `code ${e.key} cannot be reordered: it must follow ${was || 'the start'} as in the source`);
    });
  }

  /** A code with canDelete="no" must be in the targets when its segment has a target. */
  private nonRemovable(parts: readonly XmlElement[], targets: readonly XmlElement[]): void {
    const inTargets = new Set(targets.flatMap((t) => this.inlineOf(t)).map((e) => attr(e, 'id') ?? (e.local === 'ec' ? `/${attr(e, 'startRef')}` : '')));
    for (const p of parts) {
      const t = this.kids(p, 'target')[0];
      const s = this.kids(p, 'source')[0];
      if (!t || !s) continue;
      for (const el of this.inlineOf(s)) {
        if (attr(el, 'canDelete') !== 'no' || el.local === 'ec') continue;
        const id = attr(el, 'id');
        if (id !== undefined && !inTargets.has(id)) this.report(t, 'xliff/can-delete', `code ${id} has canDelete="no" but is missing from the target`);
      }
    }
  }

  /** Target order: explicit or positional, unique within the unit. */
  private order(parts: readonly XmlElement[]): void {
    const seen = new Map<number, XmlElement>();
    parts.forEach((p, i) => {
      const t = this.kids(p, 'target')[0];
      if (!t) return;
      const explicit = attr(t, 'order');
      const n = explicit !== undefined ? Number(explicit) : i + 1;
      if (explicit !== undefined && n > parts.length) this.report(t, 'xliff/order', `order="${explicit}" is beyond the ${parts.length} segments and ignorables of the unit`);
      if (seen.has(n)) this.report(t, 'xliff/order', `target order ${n} is used twice in the unit`);
      seen.set(n, t);
    });
  }

  // ------------------------------------------------------------ modules

  /** Module content of a file, group or unit. */
  private moduleContainers(container: XmlElement, file: XmlElement): void {
    for (const v of this.kids(container, 'validation', NS.val)) {
      for (const rule of this.kids(v, 'rule', NS.val)) {
        const kinds = ['isPresent', 'isNotPresent', 'startsWith', 'endsWith'].filter((n) => attr(rule, n) !== undefined);
        const custom = rule.attributes.filter((a) => a.uri !== '' && a.uri !== NS.val && a.uri !== NS.xml).length;
        if (kinds.length + custom !== 1) this.report(rule, 'val/rule', 'a rule needs exactly one of isPresent, isNotPresent, startsWith, endsWith or a custom rule attribute');
        if (attr(rule, 'existsInSource') !== undefined && !['isPresent', 'startsWith', 'endsWith'].some((n) => kinds.includes(n))) {
          this.report(rule, 'val/rule', 'existsInSource applies only to isPresent, startsWith and endsWith');
        }
        if (attr(rule, 'occurs') !== undefined && !kinds.includes('isPresent')) this.report(rule, 'val/rule', 'occurs applies only to isPresent');
      }
    }
    for (const md of this.kids(container, 'metadata', NS.mda)) {
      const groups: XmlElement[] = [];
      const walk = (e: XmlElement) => {
        for (const g of this.kids(e, 'metaGroup', NS.mda)) {
          groups.push(g);
          walk(g);
        }
      };
      walk(md);
      this.unique(groups, 'id', 'mda/id-unique', 'metaGroup id');
    }
    for (const rd of this.kids(container, 'resourceData', NS.res)) {
      const items = this.kids(rd, 'resourceItem', NS.res);
      this.unique([...this.kids(rd, 'resourceItemRef', NS.res), ...items], 'id', 'res/id-unique', 'resource item id');
      for (const item of items) {
        for (const part of [...this.kids(item, 'source', NS.res), ...this.kids(item, 'target', NS.res)]) {
          const content = part.children.some((c) => c.type === 'element' || ((c.type === 'text' || c.type === 'cdata') && c.value.trim() !== ''));
          if (content && attr(part, 'href') !== undefined) this.report(part, 'res/content', `<res:${part.local}> has both href and content`);
          const lang = part.attributes.find((a) => a.uri === NS.xml && a.local === 'lang')?.value;
          if (part.local === 'source' && lang !== undefined && lang.toLowerCase() !== this.srcLang.toLowerCase()) {
            this.report(part, 'res/xml-lang', `xml:lang=${JSON.stringify(lang)} on <res:source> must equal srcLang (${this.srcLang})`);
          }
        }
      }
    }
    for (const ct of [...this.kids(container, 'changeTrack', NS.ctr20), ...this.kids(container, 'changeTrack', NS.ctr21)]) this.changeTrack(ct, container);
    // slr:sizeInfoRef must name something inside an slr:data of the file.
    const ref = container.attributes.find((a) => a.uri === NS.slr && a.local === 'sizeInfoRef');
    if (ref && !this.slrDataIds(file).has(ref.value)) this.report(container, 'slr/size-info-ref', `slr:sizeInfoRef="${ref.value}" names nothing in an <slr:data>`);
  }

  private slrDataIds(file: XmlElement): Set<string> {
    const ids = new Set<string>();
    const walk = (e: XmlElement) => {
      for (const c of e.children) {
        if (c.type !== 'element') continue;
        const id = c.attributes.find((a) => a.local === 'id' && (a.uri === '' || a.uri === NS.xml))?.value;
        if (id) ids.add(id);
        walk(c);
      }
    };
    for (const d of this.kids(file, 'data', NS.slr)) walk(d);
    return ids;
  }

  private changeTrack(ct: XmlElement, container: XmlElement): void {
    const withIds = new Map<string, XmlElement>();
    const collect = (e: XmlElement) => {
      for (const c of e.children) {
        if (c.type !== 'element') continue;
        const id = attr(c, 'id');
        if (id !== undefined && c.uri === this.core) withIds.set(id, c);
        if (c.uri === this.core && (c.local === 'notes' || c.local === 'segment' || c.local === 'ignorable')) collect(c);
      }
    };
    collect(container);
    for (const revisions of this.kids(ct, 'revisions', ct.uri)) {
      const appliesTo = attr(revisions, 'appliesTo');
      const ref = attr(revisions, 'ref');
      let target: XmlElement | undefined;
      if (ref !== undefined) {
        target = withIds.get(ref);
        if (!target) this.report(revisions, 'ctr/ref', `ref="${ref}" names no element with that id in <${container.name}>`);
      } else if (appliesTo === 'note' && this.notesOf(container).length > 1) {
        this.report(revisions, 'ctr/ref', 'revisions of a note need ref when there are several notes');
      }
      for (const revision of this.kids(revisions, 'revision', ct.uri)) {
        const seen = new Set<string>();
        for (const item of this.kids(revision, 'item', ct.uri)) {
          const property = attr(item, 'property') ?? '';
          if (seen.has(property)) this.report(item, 'ctr/property', `property ${JSON.stringify(property)} appears twice in one revision`);
          seen.add(property);
          if (property !== 'content' && target && attr(target, property) === undefined) {
            this.report(item, 'ctr/property', `property ${JSON.stringify(property)} is neither content nor an attribute of the referenced <${target.name}>`);
          }
        }
      }
    }
  }

  /** Module rules inside a unit: matches and glossary. */
  private moduleUnit(unit: XmlElement, parts: readonly XmlElement[], sourceInline: readonly XmlElement[]): void {
    const targetsOfRefs = new Set<string>();
    for (const p of parts) if (attr(p, 'id')) targetsOfRefs.add(attr(p, 'id')!);
    for (const el of sourceInline) if ((el.local === 'mrk' || el.local === 'sm') && attr(el, 'id')) targetsOfRefs.add(attr(el, 'id')!);
    for (const matches of this.kids(unit, 'matches', NS.mtc)) {
      const list = this.kids(matches, 'match', NS.mtc);
      this.unique(list, 'id', 'mtc/id-unique', 'match id');
      for (const m of list) {
        if (attr(m, 'subType') !== undefined && attr(m, 'type') === undefined) this.report(m, 'mtc/subtype', 'subType needs type');
        const ref = attr(m, 'ref') ?? '';
        if (!ref.startsWith('#')) {
          this.report(m, 'mtc/ref', `ref=${JSON.stringify(ref)} must be a fragment identifier (#id) of a segment or annotation in this unit`);
          continue;
        }
        const frag = parseFragment(ref.slice(1));
        if (typeof frag === 'string') this.report(m, 'mtc/ref', `ref=${JSON.stringify(ref)}: ${frag}`);
        else {
          const leaf = frag.parts[frag.parts.length - 1]!;
          if ((leaf.prefix === undefined || leaf.prefix === 't') && !targetsOfRefs.has(leaf.id) && leaf.prefix !== 't') {
            this.report(m, 'mtc/ref', `ref=${JSON.stringify(ref)} names no segment or annotation of this unit`);
          }
        }
      }
    }
    for (const glossary of this.kids(unit, 'glossary', NS.gls)) {
      const entries = this.kids(glossary, 'glossEntry', NS.gls);
      this.unique([...entries, ...entries.flatMap((e) => this.kids(e, 'translation', NS.gls))], 'id', 'gls/id-unique', 'glossary id');
      for (const e of entries) {
        if (this.kids(e, 'translation', NS.gls).length === 0 && this.kids(e, 'definition', NS.gls).length === 0) {
          this.report(e, 'gls/entry', 'a glossary entry needs a translation or a definition');
        }
      }
    }
  }
}

// ------------------------------------------------------------ XLIFF 1.x

const NS12 = 'urn:oasis:names:tc:xliff:document:1.2';
const NS11 = 'urn:oasis:names:tc:xliff:document:1.1';

function validate12(root: XmlElement, findings: Finding[]): void {
  const report = (el: XmlElement, rule: string, message: string) => findings.push({ line: el.line, column: el.column, rule, severity: 'error', message });
  const uri = root.uri;
  const kids = (el: XmlElement, local: string) => el.children.filter((c): c is XmlElement => c.type === 'element' && c.uri === uri && c.local === local);
  if (!['1.0', '1.1', '1.2'].includes(attr(root, 'version') ?? '')) report(root, 'xliff/attribute', 'version must be 1.0, 1.1 or 1.2');
  const files = kids(root, 'file');
  if (files.length === 0) report(root, 'xliff/structure', '<xliff> needs at least one <file>');
  for (const file of files) {
    for (const a of ['original', 'source-language', 'datatype']) if (attr(file, a) === undefined) report(file, 'xliff/attribute', `<file> needs the attribute ${a}`);
    const bodies = kids(file, 'body');
    if (bodies.length !== 1) report(file, 'xliff/structure', '<file> needs exactly one <body>');
    const units: XmlElement[] = [];
    const walk = (el: XmlElement) => {
      for (const c of el.children) {
        if (c.type !== 'element' || c.uri !== uri) continue;
        if (c.local === 'trans-unit' || c.local === 'bin-unit') units.push(c);
        else if (c.local === 'group') walk(c);
      }
    };
    for (const b of bodies) walk(b);
    const ids = new Set<string>();
    for (const tu of units) {
      const id = attr(tu, 'id');
      if (id === undefined) report(tu, 'xliff/attribute', `<${tu.local}> needs an id`);
      else if (ids.has(id)) report(tu, 'xliff/id-unique', `trans-unit id ${JSON.stringify(id)} is used twice in the file`);
      else ids.add(id);
      if (tu.local !== 'trans-unit') continue;
      if (kids(tu, 'source').length !== 1) report(tu, 'xliff/structure', '<trans-unit> needs exactly one <source>');
      const segSource = kids(tu, 'seg-source')[0];
      const target = kids(tu, 'target')[0];
      if (segSource && target) {
        const mids = (el: XmlElement): string[] => {
          const out: string[] = [];
          const w = (e: XmlElement) => {
            for (const c of e.children) {
              if (c.type !== 'element') continue;
              if (c.local === 'mrk' && attr(c, 'mtype') === 'seg') out.push(attr(c, 'mid') ?? '');
              w(c);
            }
          };
          w(el);
          return out;
        };
        const source = new Set(mids(segSource));
        const targets = mids(target);
        for (const mid of targets) if (!source.has(mid)) report(target, 'xliff/seg', `target segment mid="${mid}" has no segment in <seg-source>`);
        if (targets.length === 0 && source.size > 1 && target.children.some((c) => c.type === 'element' || (c.type === 'text' && c.value.trim() !== ''))) {
          report(target, 'xliff/seg', `the <target> is not segmented like <seg-source> (${source.size} <mrk mtype="seg"> segments): which translation belongs to which segment cannot be told`);
        }
      }
    }
  }
}

/** Validates an XLIFF document given as bytes: our rules, then the official schema (schema.ts). */
export function validateXliff(bytes: Uint8Array): { version?: string; findings: Finding[] } {
  let root: XmlElement;
  let text: string;
  try {
    text = decodeXml(bytes).text;
    root = parseXml(text);
  } catch (e) {
    if (e instanceof XmlError) return { findings: [{ line: e.line, column: e.column, rule: 'xml/well-formed', severity: 'error', message: e.message }] };
    throw e;
  }
  const findings: Finding[] = [];
  const version = attr(root, 'version');
  const at = { line: root.line, column: root.column };
  if (root.local !== 'xliff') {
    findings.push({ ...at, rule: 'xliff/root', severity: 'error', message: `the root element is <${root.name}>, not <xliff>` });
    return { findings };
  }
  let schema: SchemaVersion | undefined;
  if (root.uri === NS12 || root.uri === NS11 || root.uri === '') {
    if (root.uri === '') {
      // XLIFF 1.0 was defined by a DTD, without a namespace; from 1.1 on, a reader needs the namespace.
      const old = version === '1.0';
      findings.push({
        ...at,
        rule: 'xliff/namespace',
        severity: old ? 'warning' : 'error',
        message: `<xliff> has no namespace${old ? ' (XLIFF 1.0): only its structure is checked, no schema' : `: XLIFF 1.2 is xmlns="${NS12}"`}`,
      });
    } else schema = root.uri === NS11 ? '1.1' : '1.2';
    validate12(root, findings);
  } else {
    const core = root.uri === NS.core22 ? NS.core22 : root.uri === NS.core20 ? NS.core20 : undefined;
    if (!core) {
      findings.push({ ...at, rule: 'xliff/root', severity: 'error', message: `unknown XLIFF namespace ${JSON.stringify(root.uri)}` });
      return { findings };
    }
    if (core === NS.core20 && version !== '2.0' && version !== '2.1')
      findings.push({ ...at, rule: 'xliff/attribute', severity: 'error', message: `version="${version}" does not match the 2.0 namespace (2.0 or 2.1)` });
    schema = core === NS.core22 ? '2.2' : version === '2.0' ? '2.0' : '2.1';
    const v = new Validator(core);
    v.structure(root, core === NS.core22 ? CORE.xliff22! : CORE.xliff!);
    v.document(root);
    pushAll(findings, v.findings);
  }
  if (schema) {
    // One message per problem: where our rules already name an error on a line, the schema's wording is not added.
    const ours = new Set(findings.filter((f) => f.severity === 'error').map((f) => f.line));
    pushAll(
      findings,
      schemaFindings(text, root, schema).filter((f) => !ours.has(f.line)),
    );
  }
  findings.sort((a, b) => a.line - b.line || a.column - b.column);
  return { ...(version ? { version } : {}), findings };
}
