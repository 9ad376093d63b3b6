// IMP2 test helper: runs an exported function of a shared/import file in a worker thread. vitest cannot stop a test
// that blocks its own thread (a regex that backtracks for an hour returns, and passes, an hour later), but it stops a
// test awaiting a worker when its timeout (vitest.config.ts) passes — so a parser that is not linear fails by it.
import { Worker } from 'node:worker_threads';
import { onTestFinished } from 'vitest';

const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const mod = require('tsx/cjs/api').require(workerData.file, workerData.file);
parentPort.postMessage(mod[workerData.fn](...workerData.args));
`;

/** `fn(...args)` of `shared/import/<file>.ts`, computed in a worker (terminated when the test ends). */
export function inWorker(file: string, fn: string, ...args: unknown[]): Promise<unknown> {
  const path = new URL(`../../../shared/import/${file}.ts`, import.meta.url).pathname;
  const worker = new Worker(SOURCE, { eval: true, workerData: { file: path, fn, args } });
  onTestFinished(async () => {
    await worker.terminate();
  });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}
