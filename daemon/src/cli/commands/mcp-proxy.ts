/** `aarm mcp-proxy` */
import { runMcpProxyCommand } from '../agents.js';
import { homeDir, parse, showUsage, UsageError, type Command } from '../command.js';

export const mcpProxyCli: Command = {
  summary: 'put an MCP stdio server behind aarm',
  usage: `aarm mcp-proxy [--workspace DIR] [--name NAME] [--session ID] [--accept-changes]
                [--network open|none] [--keep-env NAME]... [--unconfined] -- SERVER_CMD ARGS...

Starts the MCP server and sits between it and the client on stdio. Nothing passes that the daemon
has not judged; a refused request gets an error naming the rule and reason (a refused tools/call, an
MCP result with isError), and never reaches the other side.

Client to server: tools/call (with or without an id), resources/read (a file: URI as a file read, an
http(s): URI as a GET, any other as an mcp/call), prompts/get, completion/complete and logging/setLevel
are judged; initialize, ping and the list requests pass; anything else is refused. A request the
client cancels while it waits for approval is never forwarded, even if approved later.

Server to client: sampling/createMessage, roots/list and elicitation/create are judged, and so is the
client's answer to them (the default policy denies an elicitation whose message or form asks for a
password, token, key, one-time code, card number or credential file, and asks a human about any form
that is not plainly harmless). The server's instructions, serverInfo and its tool, resource and prompt
descriptions are recorded as untrusted input of the session before the client sees them. Lines that
are not single JSON-RPC objects (batches, bare values, terminal escapes) are dropped, and so is an
answer to no pending request; answers go back under the id the client sent ("1" and 1 are one id,
as clients match them).

Tools are pinned in full (name, title, description, schemas, annotations, _meta) in
$AARM_HOME/mcp-pins/NAME.json: the first tool list of a session pins tools not pinned yet. A tool
that changes later is shown as its pinned version (or withheld) and its calls are refused; a tool
that appears after the first list is withheld and refused. Restart with --accept-changes to pin
what the server shows now.

The server is known by its command line: the package it starts (npx/uvx/node/python -m or its own
executable): @modelcontextprotocol/server-filesystem's tools are judged as file actions,
mcp-server-fetch's fetch as a GET, mcp-server-git's tools as git commands, each only with the
arguments that server documents. Any other server or argument makes an mcp/call with all arguments.

--workspace DIR     the workspace of the calls (default: the current directory)
--name NAME         the server's name in policy and pins (default: from the command, e.g. server-filesystem)
--session ID        judge in this session, e.g. the agent's (default: $AARM_SESSION; else a new one);
                    the actions name the agent $AARM_AGENT (default mcp-client), which must be the
                    session's agent

Where the daemon confines (aarm status), the server runs confined too (docs/confinement.md): the
workspace and the folders named on its command line writable, aarm's state and your secrets hidden,
credentials out of its environment.
--network open|none the server's network (default open: servers fetch packages and call their APIs)
--keep-env NAME     pass this variable to the server anyway (its own token); repeatable
--unconfined        run the server with your full rights even where the daemon confines`,
  run(args) {
    const split = args.indexOf('--');
    const own = split >= 0 ? args.slice(0, split) : args;
    const { values } = parse(own, {
      workspace: { type: 'string' },
      name: { type: 'string' },
      session: { type: 'string' },
      'accept-changes': { type: 'boolean' },
      unconfined: { type: 'boolean' },
      network: { type: 'string' },
      'keep-env': { type: 'string', multiple: true },
    });
    const network = values.network ?? 'open';
    if (network !== 'none' && network !== 'open')
      throw new UsageError(`--network: \`${network}\` is not none or open`);
    if (values.help) return showUsage(mcpProxyCli);
    if (split < 0)
      throw new UsageError('give the server command after --: aarm mcp-proxy -- SERVER_CMD ARGS...');
    const session = values.session ?? process.env.AARM_SESSION;
    return runMcpProxyCommand(
      {
        workspace: values.workspace ?? process.cwd(),
        name: values.name,
        session: session === '' ? undefined : session,
        acceptChanges: values['accept-changes'] ?? false,
        server: args.slice(split + 1),
        unconfined: values.unconfined ?? false,
        network,
        keepEnv: values['keep-env'] ?? [],
      },
      homeDir(),
    );
  },
};
