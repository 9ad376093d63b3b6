// Bench only: `node --import ./scripts/bench/loop-delay-preload.ts` makes any server (the stock ones) print the stall lines ours prints.
import { startLoopDelayLog } from '../../sync-server/loop-delay';

startLoopDelayLog(console.log);
