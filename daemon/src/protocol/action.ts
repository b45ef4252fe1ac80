/**
 * The canonical action: every tool call an agent wants to make, whatever adapter it came through,
 * is normalised to this shape before policy sees it (AARM Action Mediation, R1).
 */
import { z } from 'zod';
import type { Result } from './result.js';

const NonEmpty = z.string().min(1);

/** Who is acting (R6). Every part is optional on the wire; the daemon adds what it knows. */
export const IdentitySchema = z.strictObject({
  /** the human the agent works for: OS user, git identity */
  human: z.strictObject({ user: NonEmpty.optional(), git: z.string().optional() }).optional(),
  /** the agent making the call */
  agent: z
    .strictObject({ name: NonEmpty, version: z.string().optional(), adapter: z.string().optional() })
    .optional(),
  /** a service account, when the agent acts as one */
  service: NonEmpty.optional(),
  /** role or scope the agent claims */
  role: NonEmpty.optional(),
  /** outermost first: the agents this one acts for (a sub-agent's parent, and its parent…) */
  delegation: z.array(NonEmpty).max(16).optional(),
  /** set by the daemon, never by the agent: what was missing or could not be verified (R6) */
  flags: z.array(z.string()).optional(),
});
export type Identity = z.infer<typeof IdentitySchema>;

/** What the agent tells us about the situation the action comes from. */
export const ActionContextSchema = z.strictObject({
  /** absolute path of the workspace (project root) the agent works in */
  workspace: NonEmpty.optional(),
  /** the original user request, when the agent provides it (R2, R3) */
  request: z
    .string()
    .max(64 * 1024)
    .optional(),
  /** the agent's own id for this tool call (e.g. Claude Code's tool_use_id) */
  toolUseId: z.string().max(256).optional(),
});
export type ActionContext = z.infer<typeof ActionContextSchema>;

const common = {
  identity: IdentitySchema.optional(),
  /** groups actions into one session; one per connection when absent */
  session: z.string().min(1).max(256).optional(),
  context: ActionContextSchema.optional(),
};

export const ShellExecSchema = z.strictObject({
  tool: z.literal('shell'),
  operation: z.literal('exec'),
  parameters: z.strictObject({
    command: NonEmpty,
    cwd: NonEmpty,
    env: z.record(z.string(), z.string()).optional(),
  }),
  ...common,
});

export const FsSchema = z.strictObject({
  tool: z.literal('fs'),
  operation: z.enum(['read', 'write', 'delete']),
  parameters: z.strictObject({ path: NonEmpty, content: z.string().optional() }),
  ...common,
});

export const NetRequestSchema = z.strictObject({
  tool: z.literal('net'),
  operation: z.literal('request'),
  parameters: z.strictObject({
    method: NonEmpty,
    url: NonEmpty,
    headers: z.record(z.string(), z.string()).optional(),
    body: z.string().optional(),
  }),
  ...common,
});

export const McpCallSchema = z.strictObject({
  tool: z.literal('mcp'),
  operation: z.literal('call'),
  parameters: z.strictObject({
    server: NonEmpty,
    tool: NonEmpty,
    arguments: z.record(z.string(), z.unknown()),
  }),
  ...common,
});

export { MCP_METHOD_TOOLS } from './mcp-methods.js';

/**
 * The server's instructions and serverInfo (`initialize`), tool descriptions (`tools/list`) and
 * the resources, resource templates and prompts it lists, reported by the MCP proxy when they
 * reach the client: untrusted text, but no data read from anywhere.
 */
export const MCP_SELF_DESCRIPTION_TOOLS: readonly string[] = [
  'initialize',
  'tools/list',
  'resources/list',
  'resources/templates/list',
  'prompts/list',
];

export const ActionSchema = z.discriminatedUnion('tool', [
  ShellExecSchema,
  FsSchema,
  NetRequestSchema,
  McpCallSchema,
]);
export type Action = z.infer<typeof ActionSchema>;
export type ShellExecAction = z.infer<typeof ShellExecSchema>;
export type FsAction = z.infer<typeof FsSchema>;
export type NetRequestAction = z.infer<typeof NetRequestSchema>;
export type McpCallAction = z.infer<typeof McpCallSchema>;

/** The tools and operations the protocol knows; policy `match` clauses are checked against these. */
export const KNOWN_OPERATIONS: Readonly<Record<Action['tool'], readonly string[]>> = {
  shell: ['exec'],
  fs: ['read', 'write', 'delete'],
  net: ['request'],
  mcp: ['call'],
};

/** Largest action (as JSON) the daemon will judge; larger ones are denied unread. */
export const MAX_ACTION_BYTES = 1024 * 1024;

export type ParseResult<T> = Result<{ value: T }>;

/** Turn zod's issues into one line a user can act on: `parameters.command: expected string`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join('.') : 'message';
      return `${where}: ${issue.message.toLowerCase()}`;
    })
    .join('; ');
}

export function parseAction(value: unknown): ParseResult<Action> {
  if (typeof value === 'object' && value !== null && 'tool' in value) {
    const tool = value.tool;
    if (typeof tool === 'string' && !(tool in KNOWN_OPERATIONS)) {
      return {
        ok: false,
        error: `unknown tool \`${tool}\` (known: ${Object.keys(KNOWN_OPERATIONS).join(', ')})`,
      };
    }
  }
  const result = ActionSchema.safeParse(value);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, error: describeIssues(result.error) };
}
