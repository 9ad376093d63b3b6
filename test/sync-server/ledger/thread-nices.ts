// Tests only (Linux): the nice values of this process's threads, to see the compaction worker's (STORE41, STORE43).
import { readFileSync, readdirSync } from 'node:fs';

/** The nice value of a thread (field 19 of its stat line). */
export function niceOf(statPath: string): number {
  const stat = readFileSync(statPath, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[16]);
}

/** The nice value of every thread of this process. */
function threadNices(): number[] {
  const nices: number[] = [];
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      nices.push(niceOf(`/proc/self/task/${tid}/stat`));
    } catch {
      // the thread ended meanwhile
    }
  }
  return nices;
}

/** Threads of this process at nice 19: the compaction worker is the only one (STORE41). */
export const atLowest = (): number => threadNices().filter((n) => n === 19).length;

/** Under `nice -n 19` every thread is already at 19: the worker's own priority can not be told apart. */
export const alreadyLowest = (): boolean => niceOf('/proc/thread-self/stat') === 19;
