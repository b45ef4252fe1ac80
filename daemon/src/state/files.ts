/** Small reads of files the daemon does not own: the head checkpoint, the start of a secret file. */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import type { HeadCheckpoint } from '../receipts/chain-check.js';

const SECRET_FILE_LIMIT = 64 * 1024;

/** The first 64 KiB of a file an agent read, to recognise its secrets if they leave; '' when unreadable. */
export function readSecretFile(path: string): string {
  try {
    if (path.startsWith('?') || statSync(path).size > SECRET_FILE_LIMIT) return '';
    const fd = openSync(path, 'r');
    try {
      const buffer = Buffer.alloc(SECRET_FILE_LIMIT);
      const length = readSync(fd, buffer, 0, SECRET_FILE_LIMIT, 0);
      return buffer.subarray(0, length).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
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
