/** `aarm shell` */
import { aarmShellPath } from '../../client/aarm-command.js';
import { runShell } from '../agents.js';
import { homeDir, showUsage, type Command } from '../command.js';

export const shellCli: Command = {
  summary: 'a SHELL for agents: judge `-c COMMAND`, then run it with bash',
  // A getter: the path of an aarm-shell that works from here is looked up only when shown.
  get usage() {
    return `aarm shell -c COMMAND        (or the aarm-shell executable, as an agent's SHELL)

Submits COMMAND as a shell/exec action and runs it with bash -c only when allowed. Point an agent's
SHELL at it: SHELL=${JSON.stringify(aarmShellPath())}. The workspace is $AARM_WORKSPACE or the current
directory; $AARM_AGENT and $AARM_SESSION name the agent and the session. Exits 126 when denied and 125
when the daemon cannot be reached — nothing runs then.`;
  },
  run(args) {
    if (args.includes('--help') || args.includes('-h')) return showUsage(shellCli);
    return runShell(args, homeDir());
  },
};
