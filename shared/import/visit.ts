// IMP3: 回访情况 ("2025-11-03实地回访，基本满意") → the verdict of 四(五) (VISIT_RESULTS), the method and the date.
import type { VisitResult, VISIT_METHODS } from '../vocabulary';
import { SATISFIED_RESULTS } from '../vocabulary';
import { findDate } from './dates';
import { squeezed } from './plain';

/** Longest first at each place, so 非常不满意 is never read as 不满意 and 不满意 never as 满意. */
const VERDICT = /非常不满意|非常满意|基本满意|不满意|满意(?![度率])/g;
/** 比较满意, 不太满意, 不是很满意, 还算满意: a bare 满意 after a hedge is not one of the plan's five verdicts. */
const HEDGE = /[较太很还算欠尚]$/;
const METHODS: readonly (readonly [RegExp, (typeof VISIT_METHODS)[number]])[] = [
  [/电话|致电/, '电话回访'],
  [/实地|走访|上门/, '实地走访'],
  [/系统/, '系统评价'],
];

export interface Visit {
  /** The last verdict written (a later visit supersedes an earlier one), or null when none can be read. */
  readonly verdict: VisitResult | null;
  /** An unsatisfied verdict is followed by a later one: the case was handled a second time. */
  readonly revisited: boolean;
  readonly method: (typeof VISIT_METHODS)[number] | null;
  readonly date: string | null;
}

export function isSatisfied(v: VisitResult): boolean {
  return SATISFIED_RESULTS.includes(v);
}

/** IMP3: reads a 回访情况 text. */
export function readVisit(text: string): Visit {
  const t = squeezed(text);
  const verdicts: VisitResult[] = [];
  for (const m of t.matchAll(VERDICT)) {
    if (m[0] === '满意' && HEDGE.test(t.slice(0, m.index))) continue;
    verdicts.push(m[0] as VisitResult);
  }
  const verdict = verdicts.at(-1) ?? null;
  return {
    verdict,
    revisited: verdicts.slice(0, -1).some((v) => !isSatisfied(v)),
    method: METHODS.find(([re]) => re.test(t))?.[1] ?? null,
    date: findDate(text),
  };
}
