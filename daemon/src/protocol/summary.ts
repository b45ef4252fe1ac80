/**
 * An action in one line, the same for every surface a human reads it on (the editor, the
 * terminal approver, the timeline): the action as the agent sent it, not yet made safe to show.
 */

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
}

/** `git push origin main`, `write src/a.ts`, `POST https://…`, `mcp github/create_issue` */
export function summarizeAction(action: Record<string, unknown> | null | undefined): string {
  if (!action) return '(not a valid action)';
  const parameters = record(action.parameters);
  switch (action.tool) {
    case 'shell':
      return text(parameters.command);
    case 'fs':
      return `${text(action.operation)} ${text(parameters.path)}`;
    case 'net':
      return `${text(parameters.method)} ${text(parameters.url)}`;
    case 'mcp':
      return `mcp ${text(parameters.server)}/${text(parameters.tool)}`;
    default:
      return `${text(action.tool)} ${text(action.operation)}`;
  }
}
