/** `aarm daemon` */
import { homedir } from 'node:os';
import { createDaemon, DaemonAlreadyRunning } from '../../main/daemon.js';
import { StateLossError } from '../../state/loss.js';
import { builtinPackDir } from '../../state/policy-files.js';
import { whereAarmRuns } from '../../client/aarm-command.js';
import { err, homeDir, parse, showUsage, UsageError, type Command } from '../command.js';

export const daemonCli: Command = {
  summary: 'run the daemon in the foreground',
  usage: `aarm daemon [--port N] [--no-default-pack] [--approval-timeout SECONDS] [--defer-timeout SECONDS]
                   [--confine auto|off]

Runs the daemon on 127.0.0.1 with the built-in default policy, the user's policies in
$AARM_HOME/policies/ and each workspace's .aarm/*.yaml and *.aarm.yaml. State lives in
$AARM_HOME (default: $XDG_STATE_HOME/aarm, else ~/.local/state/aarm). Stop with Ctrl-C.

--port N            listen on port N (default: any free port, written to $AARM_HOME/daemon.json)
--no-default-pack   run without the built-in pack (only your own policies and built-in protections)
--approval-timeout  seconds a STEP_UP waits for a human approver before it is denied (default 120)
--defer-timeout     seconds a DEFERred action waits for its missing context before it is denied (default 30)
--confine auto|off  auto (the default): shell commands aarm allows (aarm exec, aarm shell) run confined
                    with bubblewrap where it works: read-only system, writable workspace and temp,
                    aarm's state and your secrets hidden, no network unless the command uses it.
                    off: they run with your full rights. \`aarm status\` says which.

Agents connect with $AARM_HOME/token; approvers (the VS Code extension, \`aarm grants\`) with
$AARM_HOME/approver-token. An agent connection can never approve.`,
  async run(args) {
    const { values } = parse(args, {
      port: { type: 'string' },
      'no-default-pack': { type: 'boolean' },
      'approval-timeout': { type: 'string' },
      'defer-timeout': { type: 'string' },
      confine: { type: 'string' },
    });
    if (values.help) return showUsage(daemonCli);
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port: \`${values.port}\` is not a port number`);
    const seconds = (flag: string, text: string | undefined, fallback: number) => {
      if (text === undefined) return fallback;
      const value = Number(text);
      if (!Number.isFinite(value) || value <= 0)
        throw new UsageError(`${flag}: \`${text}\` is not a number of seconds`);
      return value * 1000;
    };
    const confine = values.confine ?? 'auto';
    if (confine !== 'auto' && confine !== 'off')
      throw new UsageError(`--confine: \`${confine}\` is not auto or off`);
    const approvalTimeoutMs = seconds('--approval-timeout', values['approval-timeout'], 120_000);
    const deferTimeoutMs = seconds('--defer-timeout', values['defer-timeout'], 30_000);
    let daemon;
    try {
      daemon = await createDaemon({
        homeDir: homeDir(),
        port,
        approvalTimeoutMs,
        deferTimeoutMs,
        confine,
        userHome: homedir(),
        // what a confined command is wrapped in: this aarm by its lasting path, not npx's link to it
        cliPath: whereAarmRuns().cli,
        packDir: values['no-default-pack'] ? null : builtinPackDir(),
        log: (line) => err(`[${new Date().toISOString()}] ${line}`),
      });
    } catch (error) {
      if (error instanceof DaemonAlreadyRunning) {
        err(`aarm: ${error.message}; stop it first, or set AARM_HOME to use another state directory`);
        return 1;
      }
      if (error instanceof StateLossError) {
        err(`aarm: ${error.message}`);
        return 1;
      }
      throw error;
    }
    const problems = daemon.policies.forWorkspace(undefined).set.problems;
    for (const p of problems) err(`${p.source}:${p.line}:${p.column}: ${p.severity}: ${p.message}`);
    return new Promise<number>((resolveExit) => {
      let signals = 0;
      const stop = (signal: string) => {
        signals++;
        if (signals > 1) process.exit(130); // second signal: do not wait
        err(`received ${signal}, shutting down (again to force)`);
        void daemon.close().then(() => resolveExit(0));
      };
      void daemon.failed.then(() => resolveExit(1));
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
    });
  },
};
