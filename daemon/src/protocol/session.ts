/**
 * What policy conditions see of the session an action belongs to (`session.*`), as accumulated by
 * the context accumulator (R2): the original request, prior actions, data classes, untrusted inputs.
 */
export interface SessionSnapshot {
  id: string;
  /** the user's original request, or "" */
  request: string;
  hasRequest: boolean;
  /** the user's prompts after the first request, oldest first (the newest ten); absent from older daemons */
  laterRequests?: string[] | undefined;
  /** prior actions of the session, and how they were decided */
  actions: number;
  allowed: number;
  denied: number;
  /** actions in the last 60 seconds */
  recentActions: number;
  /** data classes touched so far: secret, credential, personal, internal, public */
  dataClasses: string[];
  /** untrusted content (web pages, MCP outputs, files from outside the workspace) has entered */
  untrusted: boolean;
  untrustedSources: string[];
  /** files read so far */
  reads: number;
  /** files read whose names were only known when the command ran (`cat $FILES`, `xargs wc`) */
  unknownReads: number;
  /** allowed actions that used the network */
  egress: number;
  /** this action's parameters contain a value read earlier from a secret or credential file */
  secretInParameters: boolean;
  /** the action names the agent that submits it */
  identified: boolean;
  priorActions: Array<{
    tool: string;
    operation: string;
    summary: string;
    decision: string;
    verdict: string;
    outcome: string;
  }>;
}

/** The session of an action that has no history (a first action, a policy example). */
export const EMPTY_SESSION: SessionSnapshot = {
  id: '',
  request: '',
  hasRequest: false,
  laterRequests: [],
  actions: 0,
  allowed: 0,
  denied: 0,
  recentActions: 0,
  dataClasses: [],
  untrusted: false,
  untrustedSources: [],
  reads: 0,
  unknownReads: 0,
  egress: 0,
  secretInParameters: false,
  identified: false,
  priorActions: [],
};
