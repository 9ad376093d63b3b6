// IMP2: a 联系人及联系方式 cell ("王立新 13972560001", "陈梅/139 7256 0002", "李国强（15871230003）") → name and phones.
import { normalizePhoneList } from '../phone';
import { balanced, folded, trimChars } from './plain';

/** A run that may be a phone number: digits with spaces, dashes and brackets, a leading +, a 转 extension. */
const PHONE_RUN = /\(?\+?\d[\d\s\-()]*\d(?:\s*(?:转|ext\.?|x)\s*\d{1,6})?\)?/gi;
/** Fewer digits than this are part of the name or an address (3号楼), not a phone. */
const MIN_PHONE_DIGITS = 7;
const LABELS = /(?:手机号码|手机号|手机|联系电话|电话号码|办公电话|电话|座机|固话|tel|mobile|phone)\s*:?/gi;
const NAME_SEPARATORS = /[\s/\\、,;:|]+/;
/** Dashes and dots around a name ("-王立新。"), trimmed from its ends. */
const NAME_PUNCTUATION = '-.。_·';

export interface Contact {
  /** The name (several joined by 、), or null. */
  readonly name: string | null;
  /** The phone numbers as found, joined by " / " (VAL2 normalises them; a run it cannot read is kept as is). */
  readonly phone: string | null;
}

/** One phone run: as written, or split at its spaces when those separate whole numbers (13972560001 13972560002). */
function phoneOf(run: string): string {
  const s = balanced(run);
  return normalizePhoneList(s) ?? normalizePhoneList(s.split(/\s+/).join(' / ')) ?? s;
}

/** IMP2: splits a contact cell into the name and the phones, whichever comes first. */
export function splitContact(text: string): Contact {
  const phones: string[] = [];
  const rest = folded(text).replace(PHONE_RUN, (run) => {
    if ((run.match(/\d/g) ?? []).length < MIN_PHONE_DIGITS) return run;
    phones.push(phoneOf(run));
    return ' ';
  });
  const names = rest
    .replace(LABELS, ' ')
    .replace(/\(\s*\)/g, ' ')
    .split(NAME_SEPARATORS)
    .map((s) => balanced(trimChars(s, NAME_PUNCTUATION)))
    .filter((s) => s !== '');
  return {
    name: names.length === 0 ? null : names.join('、'),
    phone: phones.length === 0 ? null : phones.join(' / '),
  };
}
