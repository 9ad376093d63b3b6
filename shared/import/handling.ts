// IMP3: 办理情况 → the handling texts (the 核查情况/办理情况/不予受理 lines 附件4 writes) and what it says of progress.
import type { Status } from '../vocabulary';
import { STATUSES, STATUS_LABEL } from '../vocabulary';
import { squeezed, trimEndChars } from './plain';

/** The lines ANX1 writes into 办理情况, each opening a part of the text. */
const PARTS = [
  [/^\s*核查情况\s*[:：]/, 'findings'],
  [/^\s*办理情况\s*[:：]/, 'measures'],
  [/^\s*不予受理\s*[:：]/, 'rejectReason'],
] as const;
type Part = (typeof PARTS)[number][1];

const IN_PROGRESS = /办理中|正在办理|正在处理|处理中|已签收|核查中|正在核查|未办结/;
const SECOND_ROUND = /二次办理|再次办理|第二次办理|第二轮办理|二次交办|重新办理/;
const SECOND_IN_PROGRESS = /(?:二次|再次|第二次|重新)办理中|正在(?:二次|再次|重新)办理/;

export interface Handling {
  readonly findings: string | null;
  readonly measures: string | null;
  readonly rejectReason: string | null;
  /** The whole text is a status label (ANX1 writes one when there is no handling text): 办理中, 已办结 … */
  readonly label: Status | null;
  readonly inProgress: boolean;
  readonly secondRound: boolean;
  readonly secondInProgress: boolean;
  readonly mentionsReject: boolean;
}

function labelOf(text: string): Status | null {
  const t = trimEndChars(squeezed(text), '。.!！');
  return STATUSES.find((s) => STATUS_LABEL[s] === t) ?? null;
}

/** The labelled parts of a text whose first line opens with 核查情况：/办理情况：/不予受理：, or null. */
function parts(text: string): Partial<Record<Part, string>> | null {
  const out: Partial<Record<Part, string>> = {};
  let current: Part | null = null;
  for (const line of text.trim().split(/\r?\n/)) {
    const opened = PARTS.find(([head]) => head.test(line));
    if (opened) {
      current = opened[1];
      out[current] = line.replace(/^[^:：]*[:：]/, '');
    } else if (current === null) {
      return null;
    } else {
      out[current] = `${out[current] ?? ''}\n${line}`;
    }
  }
  return out;
}

/** IMP3: reads a 办理情况 text; a text that is not in ANX1's labelled form is 办理情况 (measures) verbatim. */
export function readHandling(text: string): Handling {
  const t = squeezed(text);
  const label = labelOf(text);
  const split = label === null ? (parts(text) ?? { measures: text }) : {};
  const nonEmpty = (s: string | undefined): string | null => (s === undefined || s.trim() === '' ? null : s.trim());
  return {
    findings: nonEmpty(split.findings),
    measures: nonEmpty(split.measures),
    rejectReason: nonEmpty(split.rejectReason),
    label,
    inProgress: IN_PROGRESS.test(t),
    secondRound: SECOND_ROUND.test(t),
    secondInProgress: SECOND_IN_PROGRESS.test(t),
    mentionsReject: /不予受理/.test(t),
  };
}
