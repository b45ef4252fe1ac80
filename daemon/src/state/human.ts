/** The human behind the daemon as this machine knows them (R6): the OS user and their git identity, read once at start. */
import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';

export function humanOfThisMachine(): { user: string; git?: string } {
  const git = gitUserEmail();
  return { user: osUserName(), ...(git ? { git } : {}) };
}

/** The OS user the process runs as (its uid when the name cannot be read). */
export function osUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return String(process.getuid?.() ?? 'unknown');
  }
}

function gitUserEmail(): string | undefined {
  try {
    return (
      execFileSync('git', ['config', '--global', 'user.email'], {
        encoding: 'utf8',
        timeout: 2000,
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim() || undefined
    );
  } catch {
    return undefined;
  }
}
