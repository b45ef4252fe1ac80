/** Quote argv for a POSIX shell so that the command string means exactly these arguments. */
export function shellJoin(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}

export function shellQuote(arg: string): string {
  if (arg !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * The shell that runs what was judged. Commands are parsed as Bash, so they must run in Bash:
 * `/bin/sh` is dash on Debian, which reads `$'…'` and other Bash syntax differently.
 */
export const BASH = 'bash';
