/** Small reads of files the daemon does not own: the head checkpoint, the start of a secret file. */
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import type { HeadCheckpoint } from '../receipts/chain-check.js';

const SECRET_FILE_LIMIT = 64 * 1024;

/** The first 64 KiB of a file an agent read, to recognise its secrets if they leave; '' when unreadable. */
export function readSecretFile(path: string): string {
  return path.startsWith('?') ? '' : (readSmallFile(path, SECRET_FILE_LIMIT) ?? '');
}

/**
 * A regular file of at most `limit` bytes, or undefined. Agents can put a FIFO, a device or a huge
 * file where the daemon reads: it opens without blocking, checks what it opened, and reads at most
 * `limit` (a FIFO once stalled the whole daemon on `.git/config`).
 */
export function readSmallFile(path: string, limit: number): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > limit) return undefined;
    const buffer = Buffer.alloc(stat.size);
    const length = readSync(fd, buffer, 0, stat.size, 0);
    return buffer.subarray(0, length).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The signed head checkpoint, if there is one that parses. */
export function readCheckpoint(file: string): HeadCheckpoint | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<HeadCheckpoint>;
    if (typeof value.seq === 'number' && typeof value.hash === 'string' && typeof value.sig === 'string')
      return value as HeadCheckpoint;
  } catch {
    // none yet
  }
  return undefined;
}
