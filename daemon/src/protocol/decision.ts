/** Policy decisions (R4): exactly one of five, with the rule and reason that produced it. */
import { z } from 'zod';
import { ActionSchema } from './action.js';

export const DECISIONS = ['allow', 'deny', 'modify', 'step_up', 'defer'] as const;
export const DecisionKindSchema = z.enum(DECISIONS);
export type DecisionKind = z.infer<typeof DecisionKindSchema>;

export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export const RiskSchema = z.enum(RISK_LEVELS);
export type Risk = z.infer<typeof RiskSchema>;

/**
 * The AARM evaluation order (spec "Action classes and the evaluation order"): a rule in an earlier
 * layer always wins over one in a later layer, so a safety deny is never overridden.
 */
export const LAYERS = [
  'forbidden',
  'compositional',
  'defer',
  'deny',
  'step_up',
  'modify',
  'allow',
  'default',
] as const;
export type Layer = (typeof LAYERS)[number];

export const ModificationSchema = z.strictObject({
  /** dotted path inside the action, e.g. `parameters.command` */
  path: z.string(),
  before: z.unknown().optional(),
  after: z.unknown(),
});
export type Modification = z.infer<typeof ModificationSchema>;

/** At most this many writable folders beyond the workspace: a command that writes more fails there. */
export const MAX_CONFINED_WRITABLE = 32;
/** At most this many hosts a confined command may reach through the egress proxy. */
export const MAX_EGRESS_HOSTS = 64;

/**
 * How an allowed shell command runs (the second wall, under the analyser): confined by the daemon's
 * decision, which the runner (`aarm exec`, `aarm shell`) must follow or not run the command.
 */
export const ConfinementSchema = z.strictObject({
  /** `workspace`: read-only system, writable workspace and temp, secrets and aarm's state hidden */
  profile: z.literal('workspace'),
  /**
   * `none`: no network at all; `proxy`: only through the daemon's egress proxy, to `hosts` (the
   * hosts its judged effects contact); `open`: the machine's network (only `aarm confine --network
   * open`, by hand: the daemon never decides it)
   */
  network: z.enum(['none', 'proxy', 'open']),
  /** for `proxy`: `host` or `host:port`, lower case; nothing else is let through */
  hosts: z.array(z.string().min(1).max(300)).max(MAX_EGRESS_HOSTS).optional(),
  /**
   * Folders outside the workspace and temp that the command may write, because its judged effects
   * write or delete there (what policy, or a human, allowed); everything else stays read-only.
   */
  writable: z.array(z.string().min(1).max(4096)).max(MAX_CONFINED_WRITABLE).optional(),
  /** workspace places otherwise read-only that this command may write: git's own, for git commands that write them */
  unpinned: z
    .array(z.enum(['.git/config', '.gitmodules']))
    .max(2)
    .optional(),
  /** environment variables the command does not get besides credentials by name and shape: the secrets policy binds to hosts */
  unsetEnv: z
    .array(
      z
        .string()
        .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
        .max(256),
    )
    .max(64)
    .optional(),
});
export type Confinement = z.infer<typeof ConfinementSchema>;

/**
 * A rule of the default pack (or of a managed policy) that a higher layer changed, and that
 * mattered to this decision: it would have decided otherwise (`disable`, `when`), or it decided
 * with the decision the override gave it (`decision`). Kept in the receipt, signed with the rest.
 */
export const OverrideNoteSchema = z.strictObject({
  rule: z.string(),
  kind: z.enum(['disable', 'decision', 'when']),
  /** the reason the override gives */
  reason: z.string(),
  /** the policy file that holds the override */
  source: z.string(),
  /** an "always" exception (`approved:`): its id, so that its uses can be counted from the receipts */
  approved: z.string().optional(),
});
export type OverrideNote = z.infer<typeof OverrideNoteSchema>;

export const DecisionSchema = z.strictObject({
  decision: DecisionKindSchema,
  /** id of the rule that decided; `default` when no rule matched */
  rule: z.string(),
  reason: z.string(),
  risk: RiskSchema,
  layer: z.enum(LAYERS),
  /** hash of the policy set that decided (R5: policy version) */
  policyHash: z.string(),
  /** for `modify`: what changed and the action that will run instead */
  modifications: z.array(ModificationSchema).optional(),
  modifiedAction: ActionSchema.optional(),
  /** for a shell command that may run: how it must run; absent when the daemon does not confine */
  confinement: ConfinementSchema.optional(),
  /** overrides of pack rules that changed this decision */
  overrides: z.array(OverrideNoteSchema).max(64).optional(),
});
export type Decision = z.infer<typeof DecisionSchema>;

/**
 * What the daemon finally did with the action: a `step_up` or `defer` decision ends in `allow` or
 * `deny` once a human answers or the deferral resolves (R4: timeout → deny, never allow). `ask`:
 * no approver was connected and the agent's own adapter has a prompt, so the question went back
 * to the agent's user (recorded as such).
 */
export const VerdictSchema = z.enum(['allow', 'deny', 'ask']);
export type Verdict = z.infer<typeof VerdictSchema>;
