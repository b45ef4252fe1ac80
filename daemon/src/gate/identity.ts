/** R6: who acts. The token proves the OS user; what the agent claims is kept, and what is missing is flagged. */
import type { Identity } from '../protocol/index.js';
import type { Caller } from './caller.js';

/** The human behind the daemon, as the machine knows them (read once at start). */
export interface Human {
  user: string;
  git?: string;
}

export function identityFor(caller: Caller, claimed: Identity | undefined, human: Human): Identity {
  const flags: string[] = [];
  if (claimed?.agent === undefined)
    flags.push('the action names no agent; the connection’s client name is used');
  const { flags: _ignored, ...rest } = claimed ?? {};
  return {
    ...rest,
    // The daemon's own knowledge of the human wins over what the agent claims.
    human: { ...claimed?.human, user: human.user, ...(human.git ? { git: human.git } : {}) },
    agent: claimed?.agent ?? {
      name: caller.hello?.client.name ?? 'unknown',
      ...(caller.hello?.client.version ? { version: caller.hello.client.version } : {}),
      adapter: 'websocket',
    },
    ...(flags.length > 0 ? { flags } : {}),
  };
}
