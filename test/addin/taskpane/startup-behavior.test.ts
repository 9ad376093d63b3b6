// BIND12: loading with the document once connected: set when SharedRuntime 1.1 is there, skipped quietly otherwise.
import { describe, expect, it, vi } from 'vitest';
import type { StartupOffice } from '../../../addin/taskpane/startup-behavior';
import { loadWithDocument } from '../../../addin/taskpane/startup-behavior';

function office(supported: boolean, set: (b: string) => Promise<void>): StartupOffice {
  return {
    context: { requirements: { isSetSupported: (name) => supported && name === 'SharedRuntime' } },
    addin: { setStartupBehavior: set },
    StartupBehavior: { load: 'Load' },
  };
}

describe('BIND12: startup behaviour', () => {
  it('BIND12: asks Office to load the add-in with the document when SharedRuntime 1.1 is supported', async () => {
    const set = vi.fn(async () => undefined);
    expect(await loadWithDocument(office(true, set))).toBe(true);
    expect(set).toHaveBeenCalledWith('Load');
  });

  it('BIND12: skips it without the requirement set or Office, and a refusal is not fatal', async () => {
    const set = vi.fn(async () => undefined);
    expect(await loadWithDocument(office(false, set))).toBe(false);
    expect(await loadWithDocument(undefined)).toBe(false);
    expect(set).not.toHaveBeenCalled();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await loadWithDocument(office(true, async () => Promise.reject(new Error('no'))))).toBe(false);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
