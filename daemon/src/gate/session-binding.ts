/**
 * Sessions are bound by the daemon, not chosen by the agent (T6): a session belongs to the
 * workspace and the agent of its first action. A later action of the session that names another
 * workspace (not inside the first), or another agent, is refused; so is a workspace that is `/`
 * or a folder above the user's home, which would make every path "inside the workspace".
 * A client that runs under a shim (`aarm shell`, `aarm exec`) keeps the shim's session: a nested
 * adapter cannot start a clean one (`aarm exec --session fresh`) to shed the session's taint.
 */
import { isWithin } from '../protocol/paths.js';
import type { Result } from '../protocol/index.js';

interface Binding {
  workspace: string;
  agent: string;
}

/** Sessions remembered at once; the oldest is forgotten first (it binds again at its next action). */
const MAX_SESSIONS = 10_000;

export interface SessionBindings {
  /**
   * Bind the session at its first action, or check a later one against it. `workspace`: as
   * normalised for policy (absolute, links resolved); undefined for an invalid action.
   */
  check(session: string, workspace: string | undefined, agent: string | undefined): Result<object>;
}

export function createSessionBindings(userHome: string): SessionBindings {
  const bindings = new Map<string, Binding>();
  return {
    check(session, workspace, agent) {
      if (
        workspace !== undefined &&
        (workspace === '/' || (workspace !== userHome && isWithin(userHome, workspace)))
      )
        return {
          ok: false,
          error: `\`${workspace}\` cannot be a workspace: it holds the whole home folder, so every path would count as inside the project`,
        };
      const bound = bindings.get(session);
      if (bound === undefined) {
        if (workspace !== undefined) {
          bindings.set(session, { workspace, agent: agent ?? '' });
          if (bindings.size > MAX_SESSIONS) bindings.delete(bindings.keys().next().value!);
        }
        return { ok: true };
      }
      if (workspace !== undefined && !isWithin(workspace, bound.workspace))
        return {
          ok: false,
          error: `session \`${session}\` belongs to workspace \`${bound.workspace}\`; an action of it cannot name \`${workspace}\` (start a new session for another project)`,
        };
      if (agent !== undefined && agent !== bound.agent)
        return {
          ok: false,
          error: `session \`${session}\` belongs to agent \`${bound.agent}\`; \`${agent}\` cannot act in it`,
        };
      return { ok: true };
    },
  };
}
