// BIND31: the bundle associates the ribbon's function commands while it is evaluated, before Office.onReady (office-js #5176).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAddin } from '../../addin/build';
import { FUNCTION_COMMANDS } from '../../addin/commands/names';
import type { RibbonCommand } from '../../addin/commands/names';
import { PaneHandoff } from '../../addin/ribbon/handoff';

describe('BIND31: first click of a function button in a fresh shared runtime', () => {
  const out = mkdtempSync(join(tmpdir(), 'ztc-first-click-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('BIND31: the built bundle calls Office.actions.associate at its top level, with Office.onReady still pending', async () => {
    await buildAddin({ outDir: out });
    const associated: string[] = [];
    let readyCallbacks = 0;
    const Office = {
      onReady: () => {
        readyCallbacks++;
        return new Promise(() => undefined); // the runtime is not ready yet
      },
      actions: { associate: (id: string) => void associated.push(id) },
      addin: { showAsTaskpane: async () => undefined },
      context: { requirements: { isSetSupported: () => true } },
    };
    const sandbox: Record<string, unknown> = { ...globalThis, Office, console, crypto, TextEncoder, TextDecoder };
    sandbox.window = sandbox;
    sandbox.self = sandbox;
    sandbox.globalThis = sandbox;
    runInNewContext(readFileSync(join(out, 'taskpane.js'), 'utf8'), sandbox);
    expect(readyCallbacks).toBe(1);
    expect(associated).toEqual(FUNCTION_COMMANDS.map((c) => c.id));
  });

  it('BIND31: a press before the pane exists waits for it and then runs, in order', async () => {
    const handoff = new PaneHandoff();
    const ran: string[] = [];
    const [first, second] = FUNCTION_COMMANDS as [RibbonCommand, RibbonCommand];
    const pressed = [handoff.onCommand(first), handoff.onCommand(second)];
    await Promise.resolve();
    expect(ran).toEqual([]);
    handoff.attach({ onCommand: (c) => void ran.push(c.id) });
    await Promise.all(pressed);
    expect(ran).toEqual([first.id, second.id]);
    await handoff.onCommand(first);
    expect(ran).toEqual([first.id, second.id, first.id]);
  });
});
