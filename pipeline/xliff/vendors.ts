/**
 * Segment states. The standard attribute wins (2.x `segment@state`, 1.2 `target@state` and
 * `trans-unit@approved`); without one, the CAT tool's own status is read:
 *   Trados  `sdl:seg-defs/sdl:seg[@id=mid]/@conf`
 *   memoQ   `trans-unit/@mq:status`
 *   Phrase  `trans-unit/@m:confirmed` (MXLIFF)
 * Everything maps onto the four 2.x workflow states the store keeps.
 */
import { attr, childElements, type XmlElement } from '../core/xml.js';

export type Workflow = 'initial' | 'translated' | 'reviewed' | 'final';

export const SDL_NS = 'http://sdl.com/FileTypes/SdlXliff/1.0';
export const MQ_NS = 'MQXliff';
export const PHRASE_NS = 'http://www.memsource.com/mxlf/2.0';

const STATE_12: Record<string, Workflow> = {
  new: 'initial',
  'needs-translation': 'initial',
  'needs-l10n': 'translated',
  'needs-adaptation': 'translated',
  translated: 'translated',
  'needs-review-translation': 'translated',
  'needs-review-l10n': 'translated',
  'needs-review-adaptation': 'translated',
  final: 'final',
  'signed-off': 'final',
};

const SDL_CONF: Record<string, Workflow> = {
  Draft: 'initial',
  RejectedTranslation: 'initial',
  Translated: 'translated',
  RejectedSignOff: 'translated',
  ApprovedTranslation: 'reviewed',
  ApprovedSignOff: 'final',
};

const MQ_STATUS: Record<string, Workflow> = {
  NotStarted: 'initial',
  Editing: 'initial',
  PartiallyEdited: 'initial',
  Rejected: 'initial',
  Pretranslated: 'initial',
  MachineTranslated: 'initial',
  ManuallyConfirmed: 'translated',
  Confirmed: 'translated',
  Translated: 'translated',
  Reviewer1Confirmed: 'reviewed',
  Proofread: 'reviewed',
  Reviewer2Confirmed: 'final',
};

function attrNs(el: XmlElement, uri: string, local: string): string | undefined {
  return el.attributes.find((a) => a.local === local && a.uri === uri)?.value;
}

/**
 * The state of one segment. `container` is the 1.2 trans-unit or the 2.x segment; `target` its
 * target element; `mid` the segment id inside a 1.2 trans-unit.
 */
export function vendorState(container: XmlElement, target: XmlElement | undefined, mid: string | undefined): { state: Workflow; from: string } | undefined {
  if (container.local === 'segment') {
    const s = attr(container, 'state');
    if (s === 'initial' || s === 'translated' || s === 'reviewed' || s === 'final') return { state: s, from: 'state' };
    return undefined;
  }
  // XLIFF 1.2
  const standard = target ? attr(target, 'state') : undefined;
  if (standard !== undefined) {
    const mapped = STATE_12[standard] ?? (standard.startsWith('x-') ? 'translated' : undefined);
    if (mapped) return { state: attr(container, 'approved') === 'yes' && mapped === 'translated' ? 'reviewed' : mapped, from: `state=${standard}` };
  }
  if (attr(container, 'approved') === 'yes') return { state: 'reviewed', from: 'approved=yes' };
  for (const defs of childElements(container, 'seg-defs').filter((e) => e.uri === SDL_NS)) {
    for (const seg of childElements(defs, 'seg')) {
      if (mid !== undefined && attr(seg, 'id') !== mid) continue;
      const conf = attr(seg, 'conf');
      if (conf === undefined) return { state: 'initial', from: 'sdl:seg (no conf)' };
      const mapped = SDL_CONF[conf];
      if (mapped) return { state: mapped, from: `sdl:conf=${conf}` };
    }
  }
  const mq = attrNs(container, MQ_NS, 'status');
  if (mq !== undefined && MQ_STATUS[mq]) return { state: MQ_STATUS[mq]!, from: `mq:status=${mq}` };
  const confirmed = attrNs(container, PHRASE_NS, 'confirmed');
  if (confirmed !== undefined) return { state: confirmed === '1' ? 'translated' : 'initial', from: `m:confirmed=${confirmed}` };
  return undefined;
}
