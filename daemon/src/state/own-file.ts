/**
 * The files aarm writes where a user or an agent names them (exports, the OCSF file sink) or in its
 * state directory: never through a symbolic link, never into another user's file, never into a
 * file with other hard links (another name for, say, `~/.bashrc`). An agent that plants
 * `ln -s ~/.bashrc audit.jsonl` gets a refusal that says why, not receipts in its shell's start-up.
 */
import {
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  ftruncateSync,
  lstatSync,
  openSync,
  realpathSync,
  type Stats,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, parse, resolve, sep } from 'node:path';

// O_NONBLOCK: a FIFO planted at the name is refused at once instead of blocking the open forever.
const WRITE = constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/**
 * Why the folders on the way to `path` are no place for aarm's file, or undefined: a folder that
 * is a link someone other than root made (an agent's `exports -> ~/.bashrc.d` would put the file
 * where a shell sources it; O_NOFOLLOW guards only the last name), or a kernel file system
 * (`/proc`, `/sys`, `/dev`), whose files look regular and are not.
 */
/**
 * A link the system made, which no agent of this user could have planted: root's, for a user who
 * is not root; for root, only the system's layout links (`/bin`, `/var/run`, macOS's `/tmp`).
 */
function systemLink(path: string, owner: number): boolean {
  const me = typeof process.getuid === 'function' ? process.getuid() : -1;
  if (owner !== 0) return false;
  return me !== 0 || ['/', '/var', '/usr', '/private'].includes(dirname(path));
}

function unsafeFolders(path: string): string | undefined {
  const folder = dirname(resolve(path));
  const { root } = parse(folder);
  let current = root;
  for (const part of folder.slice(root.length).split(sep).filter(Boolean)) {
    current = current === root ? `${root}${part}` : `${current}${sep}${part}`;
    let stat;
    try {
      stat = lstatSync(current);
    } catch {
      return undefined; // a missing folder: the open fails and says so
    }
    if (stat.isSymbolicLink() && !systemLink(current, stat.uid))
      return `the folder \`${current}\` on the way to \`${path}\` is a symbolic link: give the real folder`;
  }
  let real = folder;
  try {
    real = realpathSync(folder);
  } catch {
    // the open will say why
  }
  if (/^\/(proc|sys|dev)(\/|$)/.test(real)) return `\`${path}\` is in a kernel file system, not a file`;
  return undefined;
}

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
  if (error.code === 'ELOOP')
    return new UnsafeFileError(
      `\`${path}\` is a symbolic link: aarm writes its files only where they are named, never through a link`,
    );
  if (error.code === 'ENXIO')
    return new UnsafeFileError(`aarm will not write to \`${path}\`: it is a named pipe, not a regular file`);
  return error;
}

/** A file opened for writing from its start (emptied only after the checks), as a descriptor. */
export function openOwnFile(path: string, mode = 0o600): number {
  const folders = unsafeFolders(path);
  if (folders !== undefined) throw new UnsafeFileError(`aarm will not write there: ${folders}`);
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
  // An existing file keeps no wider mode than aarm's own (an export holds what agents did).
  fchmodSync(fd, mode);
  return fd;
}

/** Append to a file, under the same rules. */
export async function appendOwnFile(path: string, text: string, mode = 0o600): Promise<void> {
  const folders = unsafeFolders(path);
  if (folders !== undefined) throw new UnsafeFileError(`aarm will not write there: ${folders}`);
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
