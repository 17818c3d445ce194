/**
 * A simulated CAT tool: reads a handoff file as XML, fills in targets the way translators' tools
 * do (text changed, codes kept, one code moved, vendor attributes added) and writes it back.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { attr, parseXml, serializeTree, type XmlElement, type XmlNode } from '../../pipeline/core/xml.js';

export const els = (el: XmlElement, local?: string): XmlElement[] => el.children.filter((c): c is XmlElement => c.type === 'element' && (local === undefined || c.local === local));
export function all(el: XmlElement, local: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of els(el)) {
    if (c.local === local) out.push(c);
    all(c, local, out);
  }
  return out;
}

/** A deep copy of nodes with every text node passed through `f`. */
export function mapText(nodes: XmlNode[], f: (s: string) => string): XmlNode[] {
  return nodes.map((n) => (n.type === 'text' ? { type: 'text', value: f(n.value) } : n.type === 'element' ? { ...n, children: mapText(n.children, f) } : n));
}

export const el = (name: string, uri: string, children: XmlNode[], attributes: XmlElement['attributes'] = []): XmlElement => ({
  type: 'element',
  name,
  local: name.includes(':') ? name.split(':')[1]! : name,
  uri,
  attributes,
  namespaces: {},
  children,
  line: 0,
  column: 0,
});

/**
 * Translates an exported file the way a CAT tool does: every segment gets a target made from its
 * source (text changed, codes kept), the codes of one segment moved, a vendor attribute added.
 */
export function translate(file: string, f: (s: string) => string, options: { moveCode?: boolean } = {}): void {
  const moveCode = options.moveCode ?? true;
  const root = parseXml(readFileSync(file, 'utf8'));
  const ns = root.uri;
  if (attr(root, 'version')?.startsWith('2')) {
    let moved = false;
    for (const seg of all(root, 'segment')) {
      const source = els(seg, 'source')[0]!;
      let kids = mapText(source.children, f);
      // Move a code: put the first inline element at the end (legal: codes may be reordered).
      const first = kids.findIndex((k) => k.type === 'element' && k.local === 'pc');
      if (moveCode && !moved && first >= 0 && kids.length > 1) {
        kids = [...kids.slice(0, first), ...kids.slice(first + 1), kids[first]!];
        moved = true;
      }
      seg.children = seg.children.filter((c) => !(c.type === 'element' && c.local === 'target'));
      seg.children.push(el('target', ns, kids));
      seg.attributes = seg.attributes.filter((a) => a.name !== 'state').concat([{ name: 'state', local: 'state', uri: '', value: 'translated' }]);
    }
  } else {
    for (const tu of all(root, 'trans-unit')) {
      const segSource = els(tu, 'seg-source')[0]!;
      tu.children = tu.children.filter((c) => !(c.type === 'element' && c.local === 'target'));
      const target = el('target', ns, mapText(segSource.children, f), [{ name: 'state', local: 'state', uri: '', value: 'translated' }]);
      tu.children.splice(tu.children.indexOf(segSource) + 1, 0, target);
      // A vendor attribute the importer must tolerate and ignore.
      tu.attributes.push({ name: 'mq:lastchangedtimestamp', local: 'lastchangedtimestamp', uri: 'MQXliff', value: '2026-11-23T00:00:00Z' });
    }
    root.namespaces.mq = 'MQXliff';
  }
  writeFileSync(file, serializeTree(root));
}
