// ADDIN2: the ribbon's commands are registered from names.ts, complete their Office event, and update by the manifest's ids.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { ActionsLike } from '../../addin/commands/names';
import { FUNCTION_COMMANDS, registerRibbonCommands, ribbonUpdate } from '../../addin/commands/names';
import { ROOT, controls, group, tab } from './manifest-source';
import { childrenNamed } from './xml';

describe('ADDIN2: registering the commands (names.ts)', () => {
  it('associates exactly the ExecuteFunction ids, each once', () => {
    const ids: string[] = [];
    expect(
      registerRibbonCommands({ associate: (id) => void ids.push(id) } satisfies ActionsLike, () => undefined),
    ).toEqual(ids);
    expect([...ids].sort()).toEqual(FUNCTION_COMMANDS.map((c) => c.id).sort());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain('openLedger');
  });

  it('runs the handler with its command and always completes the Office event', async () => {
    const fns = new Map<string, (arg?: unknown) => void>();
    const seen: string[] = [];
    const onError = vi.fn();
    registerRibbonCommands(
      { associate: (id, fn) => void fns.set(id, fn) },
      async (cmd) => {
        seen.push(cmd.command);
        if (cmd.id === 'archiveCase') throw new Error('boom');
        if (cmd.id === 'visitCase') return Promise.reject(new Error('async boom'));
      },
      onError,
    );
    for (const id of ['assignCase', 'archiveCase', 'visitCase']) {
      const completed = vi.fn();
      fns.get(id)!({ completed });
      await vi.waitFor(() => expect(completed).toHaveBeenCalledTimes(1));
    }
    expect(seen).toEqual(['assign', 'archive', 'visit']);
    expect(onError).toHaveBeenCalledTimes(2);
    expect(() => fns.get('showStats')!()).not.toThrow();
  });

  it('builds Office.ribbon.requestUpdate data addressing the tab, group and control ids of the manifest', () => {
    const update = ribbonUpdate((c) => !c.requiresSelection);
    expect(update.tabs[0]!.id).toBe(tab.attrs.id);
    expect(update.tabs[0]!.groups[0]!.id).toBe(group.attrs.id);
    expect(update.tabs[0]!.groups[0]!.controls).toEqual(
      controls.map((c) => ({
        id: c.attrs.id,
        enabled: childrenNamed(c, 'Enabled').length === 0,
      })),
    );
  });

  it('is what the add-in uses to register its commands (no hand-written associate calls)', () => {
    const sources = readdirSync(join(ROOT, 'addin'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('names.ts') && !f.endsWith('build.ts'))
      .map((f) => readFileSync(join(ROOT, 'addin', f), 'utf8'));
    expect(sources.some((s) => /registerRibbonCommands\(/.test(s))).toBe(true);
    expect(sources.filter((s) => /\.associate\(\s*['"`]/.test(s))).toEqual([]);
  });
});
