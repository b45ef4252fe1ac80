/**
 * The files aarm writes where a user or an agent names them (exports, the OCSF file sink) or in its
 * state directory: never through a symbolic link, never into another user's file, never into a
 * file with other hard links (another name for, say, `~/.bashrc`). An agent that plants
 * `ln -s ~/.bashrc audit.jsonl` gets a refusal that says why, not receipts in its shell's start-up.
 */
import { closeSync, constants, fstatSync, ftruncateSync, openSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';

const WRITE = constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW;

export class UnsafeFileError extends Error {}

/** Why aarm will not write into this file, or undefined. */
function unsafe(path: string, stat: Stats): string | undefined {
  if (!stat.isFile()) return `\`${path}\` is not a regular file`;
  if (typeof process.getuid === 'function' && stat.uid !== process.getuid())
    return `\`${path}\` belongs to another user`;
  if (stat.nlink > 1)
    return `\`${path}\` has other hard links (another name for the same file); write to a new file`;
  return undefined;
}

function refusal(path: string, error: NodeJS.ErrnoException): Error {
  return error.code === 'ELOOP'
    ? new UnsafeFileError(
        `\`${path}\` is a symbolic link: aarm writes its files only where they are named, never through a link`,
      )
    : error;
}

/** A file opened for writing from its start (emptied only after the checks), as a descriptor. */
export function openOwnFile(path: string, mode = 0o600): number {
  let fd: number;
  try {
    fd = openSync(path, WRITE, mode);
  } catch (error) {
    throw refusal(path, error as NodeJS.ErrnoException);
  }
  const why = unsafe(path, fstatSync(fd));
  if (why !== undefined) {
    closeSync(fd);
    throw new UnsafeFileError(`aarm will not write to ${why}`);
  }
  ftruncateSync(fd, 0);
  return fd;
}

/** Append to a file, under the same rules. */
export async function appendOwnFile(path: string, text: string, mode = 0o600): Promise<void> {
  let handle;
  try {
    handle = await open(path, WRITE | constants.O_APPEND, mode);
  } catch (error) {
    throw refusal(path, error as NodeJS.ErrnoException);
  }
  try {
    const why = unsafe(path, await handle.stat());
    if (why !== undefined) throw new UnsafeFileError(`aarm will not write to ${why}`);
    await handle.write(text);
  } finally {
    await handle.close();
  }
}
