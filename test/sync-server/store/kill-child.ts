// Tests only: runs a child script under tsx, hands each line it prints to the test, and SIGKILLs it when the test says so.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../../..');

export interface KilledRun {
  signal: NodeJS.Signals | null;
  stderr: string;
}

/**
 * Runs `node --import tsx <script> <args>` from the repository root. `onLine` sees every complete line of its stdout;
 * once it has returned true for a line of a chunk (the chunk's other lines are still read), the child is SIGKILLed.
 */
export function runUntilKilled(
  script: string,
  args: readonly string[],
  onLine: (line: string) => boolean,
): Promise<KilledRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffer = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      let kill = false;
      for (const line of lines) if (onLine(line)) kill = true;
      if (kill && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve({ signal, stderr }));
  });
}
