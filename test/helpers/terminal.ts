/**
 * A real pseudo-terminal for tests of terminal programs (tmux): keys typed as a human types them,
 * the screen read back as the human sees it.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

let terminals = 0;

/** A tmux server of the test's own, with one window running `command` (AARM_HOME set). */
export function terminal(
  root: string,
  homeDir: string,
  command: string[],
  size = { columns: 110, rows: 45 },
) {
  // One tmux server per terminal: a server being killed may still hold its socket.
  const socket = join(root, `tmux-${++terminals}.sock`);
  const tmux = (...args: string[]) =>
    execFileSync('tmux', ['-S', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  // The window stays open after the command ends, so what it printed last can be read.
  tmux(
    'new-session',
    '-d',
    '-x',
    String(size.columns),
    '-y',
    String(size.rows),
    '-e',
    `AARM_HOME=${homeDir}`,
    `${command.map(quote).join(' ')}; echo "exit $?"; sleep 600`,
  );
  const screen = () => tmux('capture-pane', '-p', '-J').replace(/\s+\n/g, '\n');
  return {
    screen,
    /** the screen with its colours and attributes (SGR escapes), for pictures */
    colours: () => tmux('capture-pane', '-p', '-e'),
    /** keys as tmux names them: `y`, `Down`, `Enter`, or literal text with `-l` */
    keys: (...keys: string[]) => tmux('send-keys', ...keys),
    /** the screen once `pattern` is on it (the test's own timeout ends a wait that never ends) */
    async waitFor(pattern: RegExp): Promise<string> {
      for (let i = 0; ; i++) {
        const shown = screen();
        if (pattern.test(shown)) return shown;
        if (process.env.DEBUG_TTY && i % 100 === 99) console.error(`waiting for ${pattern}:\n${shown}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    resize: (columns: number, rows: number) =>
      tmux('resize-window', '-x', String(columns), '-y', String(rows)),
    close: () => {
      try {
        tmux('kill-server');
      } catch {
        // already gone
      }
    },
  };
}
