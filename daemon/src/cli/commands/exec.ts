/** `aarm exec` */
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { connect } from '../../client/client.js';
import { DAEMON_VERSION } from '../../protocol/wire.js';
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
import { runAllowed } from '../run-allowed.js';

export const execCli: Command = {
  summary: 'run a command only if policy allows it',
  usage: `aarm exec [--workspace DIR] [--session ID] [--request TEXT] -- CMD ARGS...

Submits CMD as a shell/exec action to the daemon and runs it only when the verdict is allow
(a MODIFY runs the modified command with bash -c). The outcome is recorded in the receipt.
On deny, prints the rule and reason and exits ${EXIT_DENIED} without running anything; when the
daemon cannot be reached, exits ${EXIT_UNAVAILABLE} (fail closed). Otherwise exits with CMD's code.

--workspace DIR   the workspace the command works in (default: the current directory)
--session ID      group this action with others in one session
--request TEXT    the user's request this command serves (the session's first request is kept;
                  a different later one is recorded beside it)`,
  async run(args) {
    const { values, positionals } = parse(args, {
      workspace: { type: 'string' },
      session: { type: 'string' },
      request: { type: 'string' },
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
        ...(values.request ? { request: values.request } : {}),
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
        // What happened in the end: a step-up or deferral that ended in a refusal is a deny.
        const word = decision.decision === 'deny' ? 'deny' : `deny (${decision.decision})`;
        err(`  decision: ${word} (rule ${decision.rule}, risk ${decision.risk})`);
        err(`  reason: ${decision.reason}`);
        err(`  receipt: ${reply.receiptId}`);
        return EXIT_DENIED;
      }
      const modified =
        decision.modifiedAction?.tool === 'shell' ? decision.modifiedAction.parameters.command : undefined;
      if (modified !== undefined)
        err(`aarm: policy rule ${decision.rule} modified the command to \`${modified}\``);
      return await runAllowed({
        client,
        receiptId: reply.receiptId,
        decision,
        ...(reply.egress ? { egressSocket: reply.egress.socket } : {}),
        argv: modified === undefined ? positionals : [BASH, '-c', modified],
        workspace,
        cwd,
        home: homedir(),
        stateDir: homeDir(),
      });
    } catch (error) {
      err(`aarm: ${(error as Error).message}`);
      return EXIT_UNAVAILABLE;
    } finally {
      await client.close();
    }
  },
};
