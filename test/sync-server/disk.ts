// A real full disk for the storage tests: a small tmpfs where mounting is permitted, and a filler file to fill it.
import { execFileSync } from 'node:child_process';
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';

/** How the disk is filled: a real file system, or SQLite's own page cap (STORE_TEST_DISK_FULL=page-cap forces it). */
export type DiskPath = 'tmpfs' | 'max_page_count';

/** Mounts a tmpfs of `size` (e.g. '2m') on `dir` when permitted (root, not forbidden by the container). */
export function mountSmallDisk(dir: string, size: string): DiskPath {
  if (process.env.STORE_TEST_DISK_FULL === 'page-cap') return 'max_page_count';
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
    return 'tmpfs';
  } catch {
    return 'max_page_count';
  }
}

export function unmount(dir: string): void {
  execFileSync('umount', [dir]);
}

/** Writes zeros into `file` until the file system has no byte left (ENOSPC even for one byte). */
export function fillDisk(file: string): void {
  const fd = openSync(file, 'w');
  try {
    for (let chunk = 1 << 20; chunk >= 1;) {
      try {
        writeSync(fd, Buffer.alloc(chunk));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
        chunk >>= 1;
      }
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
