/** `aarm mcp-proxy` */
import { runMcpProxyCommand } from '../agents.js';
import { homeDir, parse, showUsage, UsageError, type Command } from '../command.js';

export const mcpProxyCli: Command = {
  summary: 'put an MCP stdio server behind aarm',
  usage: `aarm mcp-proxy [--workspace DIR] [--name NAME] [--accept-changes] -- SERVER_CMD ARGS...

Starts the MCP server and sits between it and the client on stdio: every tools/call is judged by the
daemon first; a refused call gets an MCP error result with the rule and reason. Tools of the reference
filesystem, fetch and git servers are judged as the file, network and git actions they are. Tool
descriptions are pinned by hash in $AARM_HOME/mcp-pins/; a tool whose description changes later is
refused until you restart with --accept-changes.

--workspace DIR     the workspace of the calls (default: the current directory)
--name NAME         the server's name in policy (default: from the command, e.g. server-filesystem)`,
  run(args) {
    const split = args.indexOf('--');
    const own = split >= 0 ? args.slice(0, split) : args;
    const { values } = parse(own, {
      workspace: { type: 'string' },
      name: { type: 'string' },
      'accept-changes': { type: 'boolean' },
    });
    if (values.help) return showUsage(mcpProxyCli);
    if (split < 0)
      throw new UsageError('give the server command after --: aarm mcp-proxy -- SERVER_CMD ARGS...');
    return runMcpProxyCommand(
      {
        workspace: values.workspace ?? process.cwd(),
        name: values.name,
        acceptChanges: values['accept-changes'] ?? false,
        server: args.slice(split + 1),
      },
      homeDir(),
    );
  },
};
