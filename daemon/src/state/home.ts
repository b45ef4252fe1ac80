/**
 * The daemon's state directory (AARM_HOME): token, keys, receipt database, user policies, and the
 * file that tells clients where the daemon listens. Everything in it is readable by the user only.
 */
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { generateSigningKey, signingKeyFromSeed, type SigningKey } from '../receipts/keys.js';
import type { Result } from '../protocol/index.js';

export { aarmHome, resolveHomeDir, type AarmHome } from '../protocol/state-layout.js';
import type { AarmHome } from '../protocol/state-layout.js';

/** Create the directory tree with user-only permissions, tightening it if it already exists. */
export function ensureHome(home: AarmHome): void {
  for (const dir of [home.dir, home.keysDir, home.policiesDir]) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
  }
}

/** Write a file only the user can read, atomically (no moment where it exists with wider permissions). */
export function writePrivateFile(file: string, content: string): void {
  // A fresh name, created exclusively (`wx`): a link planted at a guessable temp name is not followed.
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temp, content, { mode: 0o600, flag: 'wx' });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}

export function readOrCreateToken(file: string): string {
  if (existsSync(file)) {
    chmodSync(file, 0o600);
    const token = readFileSync(file, 'utf8').trim();
    if (token.length >= 32) return token;
  }
  const token = randomBytes(32).toString('base64url');
  writePrivateFile(file, `${token}\n`);
  return token;
}

interface KeyFile {
  keyId: string;
  created: string;
  seed: string;
}

/** All signing keys, oldest first; creates the first one. The newest signs; older ones stay for verification. */
export function loadOrCreateKeys(home: AarmHome): SigningKey[] {
  const keys = loadKeys(home);
  if (keys.length === 0) keys.push(rotateKey(home));
  return keys;
}

/** The signing keys there are, oldest first; none when the folder is missing. */
export function loadKeys(home: AarmHome): SigningKey[] {
  if (!existsSync(home.keysDir)) return [];
  return readdirSync(home.keysDir)
    .filter((name) => name.endsWith('.key.json'))
    .map((name) => {
      const file = join(home.keysDir, name);
      const data = JSON.parse(readFileSync(file, 'utf8')) as KeyFile;
      const key = signingKeyFromSeed(Buffer.from(data.seed, 'base64url'), data.created);
      if (key.keyId !== data.keyId)
        throw new Error(`key file \`${file}\` is corrupt: its key id does not match its key`);
      return key;
    })
    .sort((a, b) => a.created.localeCompare(b.created));
}

/** Create a new signing key; the daemon signs with it from its next start. */
export function rotateKey(home: AarmHome): SigningKey {
  const key = generateSigningKey();
  const data: KeyFile = { keyId: key.keyId, created: key.created, seed: key.seed.toString('base64url') };
  writePrivateFile(
    join(home.keysDir, `${key.keyId.replace(':', '-')}.key.json`),
    `${JSON.stringify(data, null, 2)}\n`,
  );
  return key;
}

export interface DaemonInfo {
  pid: number;
  port: number;
  host: string;
  protocol: number;
  version: string;
  started: string;
}

export function readDaemonInfo(home: AarmHome): DaemonInfo | undefined {
  try {
    return JSON.parse(readFileSync(home.daemonFile, 'utf8')) as DaemonInfo;
  } catch {
    return undefined;
  }
}

/**
 * One daemon per AARM_HOME: two would fork the receipt chain. Returns a release function, or the
 * pid of the daemon that holds the lock.
 */
export function acquireLock(home: AarmHome): Result<{ release: () => void }, { pid: number }> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(home.lockFile, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return {
        ok: true,
        release: () => {
          try {
            if (readFileSync(home.lockFile, 'utf8').trim() === String(process.pid)) unlinkSync(home.lockFile);
          } catch {
            // already gone
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(home.lockFile, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid))
        return {
          ok: false,
          pid,
          error: `another aarm daemon (pid ${pid}) already holds \`${home.lockFile}\`; stop it, or use another AARM_HOME`,
        };
      unlinkSync(home.lockFile); // stale: its daemon is gone
    }
  }
  throw new Error(`could not take the lock \`${home.lockFile}\``);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function fileMode(file: string): number {
  return statSync(file).mode & 0o777;
}
