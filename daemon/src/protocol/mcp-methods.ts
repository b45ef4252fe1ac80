/**
 * The `tool` of the `mcp/call` actions the MCP proxy submits for MCP messages that are not tool
 * calls: the method (`resources/read`, `sampling/createMessage`…), `METHOD:answer` for the client's
 * answer to a server's request, and the two reports of what a server says about itself
 * (`MCP_SELF_DESCRIPTION_TOOLS`). The proxy withholds a server's tool of any of these names, so that
 * a policy rule about one of them cannot be met by a tool that borrows its name.
 */
export const MCP_METHOD_TOOLS: readonly string[] = [
  'initialize',
  'tools/list',
  'resources/list',
  'resources/templates/list',
  'prompts/list',
  'resources/read',
  'resources/subscribe',
  'resources/unsubscribe',
  'prompts/get',
  'completion/complete',
  'logging/setLevel',
  'sampling/createMessage',
  'roots/list',
  'elicitation/create',
  'sampling/createMessage:answer',
  'roots/list:answer',
  'elicitation/create:answer',
];
