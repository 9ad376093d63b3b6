// Child process of `npm run bench:flood`: runs each flood on request, so its clients never share the measuring event loop.
import type { Attack, FloodSpec } from './flood-attacks';
import { prepareAttack } from './flood-attacks';

/** Messages from the bench: prepare a flood (connect its clients), then run it for `seconds`. */
export type DriverRequest = { type: 'prepare'; spec: FloodSpec } | { type: 'go'; seconds: number };
/** Answers: ready once loaded (unasked) and once connected; done with the flood's counts; failed with a message. */
export type DriverReply =
  { type: 'ready' } | { type: 'done'; outcome: Record<string, number> } | { type: 'failed'; error: string };

const reply = (r: DriverReply) => process.send?.(r);
let attack: Attack | null = null;

process.on('message', (m: DriverRequest) => {
  const step =
    m.type === 'prepare'
      ? prepareAttack(m.spec).then((a) => {
          attack = a;
          reply({ type: 'ready' });
        })
      : (async () => {
          const a = attack;
          if (a === null) throw new Error('go without prepare');
          attack = null;
          try {
            reply({ type: 'done', outcome: await a.run(m.seconds) });
          } finally {
            a.close();
          }
        })();
  step.catch((e: unknown) => reply({ type: 'failed', error: e instanceof Error ? (e.stack ?? e.message) : String(e) }));
});
process.on('disconnect', () => process.exit(0));
reply({ type: 'ready' }); // loaded: the bench waits for this before its first block, so loading is not measured
