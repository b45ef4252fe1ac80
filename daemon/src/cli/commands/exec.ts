/** `aarm exec` */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { connect } from '../../client/client.js';
import { DAEMON_VERSION } from '../../protocol/index.js';
import { BASH, shellJoin } from '../../protocol/shell-quote.js';
import {
  EXIT_DENIED,
  EXIT_UNAVAILABLE,
  err,
  homeDir,
  parse,
  showUsage,
  UsageError,
  type Command,
} from '../command.js';

export const execCli: Command = {
  summary: 'run a command only if policy allows it',
  usage: `aarm exec [--workspace DIR] [--session ID] -- CMD ARGS...

Submits CMD as a shell/exec action to the daemon and runs it only when the verdict is allow
(a MODIFY runs the modified command with bash -c). The outcome is recorded in the receipt.
On deny, prints the rule and reason and exits ${EXIT_DENIED} without running anything; when the
daemon cannot be reached, exits ${EXIT_UNAVAILABLE} (fail closed). Otherwise exits with CMD's code.

--workspace DIR   the workspace the command works in (default: the current directory)
--session ID      group this action with others in one session`,
  async run(args) {
    const { values, positionals } = parse(args, {
      workspace: { type: 'string' },
      session: { type: 'string' },
    });
    if (values.help) return showUsage(execCli);
    if (positionals.length === 0) throw new UsageError('no command given: aarm exec -- CMD ARGS...');
    const cwd = process.cwd();
    const workspace = resolve(values.workspace ?? cwd);
    const command = shellJoin(positionals);
    let client;
    try {
      const session = values.session ?? process.env.AARM_SESSION;
      client = await connect({
        homeDir: homeDir(),
        client: { name: 'aarm-exec', version: DAEMON_VERSION },
        ...(session ? { session } : {}),
      });
    } catch (error) {
      err(`aarm: not running \`${command}\`: ${(error as Error).message}`);
      return EXIT_UNAVAILABLE;
    }
    try {
      const reply = await client.submit({
        tool: 'shell',
        operation: 'exec',
        parameters: { command, cwd },
        context: { workspace },
        identity: { agent: { name: process.env.AARM_AGENT ?? 'aarm-exec', adapter: 'exec' } },
      });
      const { decision } = reply;
      if (reply.verdict !== 'allow') {
        err(`aarm: denied \`${command}\``);
        err(`  decision: ${decision.decision} (rule ${decision.rule}, risk ${decision.risk})`);
        err(`  reason: ${decision.reason}`);
        err(`  receipt: ${reply.receiptId}`);
        return EXIT_DENIED;
      }
      const modified =
        decision.modifiedAction?.tool === 'shell' ? decision.modifiedAction.parameters.command : undefined;
      if (modified !== undefined)
        err(`aarm: policy rule ${decision.rule} modified the command to \`${modified}\``);
      const started = Date.now();
      // What the command starts stays in this session (the daemon holds nested adapters to it too).
      const result = await run(modified === undefined ? positionals : [BASH, '-c', modified], client.session);
      await client.reportOutcome(reply.receiptId, {
        status: result.error === undefined && result.code === 0 ? 'success' : 'error',
        ...(result.code !== undefined ? { exitCode: result.code } : {}),
        ...(result.error !== undefined ? { error: result.error } : {}),
        durationMs: Date.now() - started,
      });
      return result.code ?? 127;
    } catch (error) {
      err(`aarm: ${(error as Error).message}`);
      return EXIT_UNAVAILABLE;
    } finally {
      await client.close();
    }
  },
};

function run(argv: string[], session: string): Promise<{ code?: number; error?: string }> {
  return new Promise((resolveRun) => {
    const child = spawn(argv[0]!, argv.slice(1), {
      stdio: 'inherit',
      env: { ...process.env, AARM_SESSION: session },
    });
    child.once('error', (error) => resolveRun({ code: 127, error: error.message }));
    child.once('exit', (code, signal) =>
      resolveRun(
        signal
          ? { code: 128 + (signalNumber(signal) ?? 0), error: `killed by ${signal}` }
          : { code: code ?? 1 },
      ),
    );
  });
}

function signalNumber(signal: string): number | undefined {
  return ({ SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 } as Record<string, number>)[signal];
}
