/** The policy file format (YAML), validated with zod at load. The JSON Schema in policies/ mirrors it. */
import { z } from 'zod';
import { DECISIONS, MAX_RULE_USES, RISK_LEVELS } from '../protocol/index.js';

export const POLICY_FORMAT = 1;

const OneOrMany = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/**
 * Provenance of a rule aarm wrote when an approver answered a step-up "always" (docs/approvals.md):
 * who, for which approval and receipt, when, and until when. `aarm grants` lists and revokes these.
 */
export const ApprovedSchema = z.strictObject({
  /** shared by the override and the allow rule written for one approval; `aarm grants revoke ID` */
  id: z.string().regex(/^approved-[a-z0-9-]+$/, 'must be `approved-` then letters, digits or `-`'),
  /** the registered approver key that signed the confirmation */
  approver: z.string().min(1),
  /** the approval request it answered, and the receipt of the action approved */
  approval: z.string().min(1),
  receipt: z.string().min(1).optional(),
  /** when it was written (ISO 8601) */
  date: z.iso.datetime({ offset: true }),
  /** after this (ISO 8601) it no longer applies */
  expires: z.iso.datetime({ offset: true }).optional(),
  /**
   * after this many actions it allowed it no longer applies; the daemon counts them from the signed
   * receipts, never from this file
   */
  max_uses: z.number().int().positive().max(MAX_RULE_USES).optional(),
});
export type ApprovedSpec = z.infer<typeof ApprovedSchema>;

export const RuleSchema = z.strictObject({
  /** unique within the policy set; `builtin.` is reserved */
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, `.`, `_` or `-`'),
  description: z.string().optional(),
  /** which actions the rule looks at; absent = every action */
  match: z.strictObject({ tool: OneOrMany.optional(), operation: OneOrMany.optional() }).optional(),
  /** a CEL expression over `action`, `effects`, `workspace`, `home`; the rule applies when it is true */
  when: z.string().min(1).optional(),
  decision: z.enum(DECISIONS),
  /** shown to the agent and the human, and kept in the receipt; required for deny, step_up and defer */
  reason: z.string().min(1).optional(),
  /** optional CEL expression giving a string appended to the reason, e.g. `effects.unknown.join('; ')` */
  details: z.string().min(1).optional(),
  risk: z.enum(RISK_LEVELS).optional(),
  /** layer 1 of the evaluation order: a static deny no context can lift (decision must be deny) */
  forbidden: z.boolean().optional(),
  /** layer 2: a deny that depends on what the session did before (decision must be deny) */
  compositional: z.boolean().optional(),
  /** for `modify`: parameter name → CEL expression giving its new value */
  modify: z.strictObject({ set: z.record(z.string().min(1), z.string().min(1)) }).optional(),
  /**
   * for `modify`: run the command, but confined in this profile (a shell command; docs/confinement.md).
   * Where confinement is not available the rule decides `unconfined` instead.
   */
  confine: z.literal('workspace').optional(),
  /** with `confine`: the decision where the command cannot be confined (default `step_up`) */
  unconfined: z.enum(['step_up', 'allow', 'deny']).optional(),
  /** a managed policy only: no user policy may override this rule */
  locked: z.boolean().optional(),
  /** written by aarm from an "always" approval: its provenance */
  approved: ApprovedSchema.optional(),
});
export type RuleSpec = z.infer<typeof RuleSchema>;

export const ExampleSchema = z.strictObject({
  name: z.string().optional(),
  /** an action as an agent would submit it */
  action: z.unknown(),
  /** the decision the policy must give it */
  decision: z.enum(DECISIONS),
  /** optionally, the rule that must decide it */
  rule: z.string().optional(),
});
export type ExampleSpec = z.infer<typeof ExampleSchema>;

/**
 * A credential the egress proxy adds to a confined command's plain requests to these hosts (AARM
 * R9): the command never holds it. Only your own policies may bind secrets, never a workspace's.
 */
export const SecretSchema = z.strictObject({
  /** the daemon's environment variable that holds the secret */
  env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name'),
  /** exact hosts (`host` or `host:port`), no patterns */
  hosts: z
    .array(
      z
        .string()
        .regex(
          /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/,
          'must be a host name or address, with an optional port',
        ),
    )
    .min(1)
    .max(16),
  /** the header it goes in (default `Authorization`) */
  header: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, 'must be a header name')
    .optional(),
  /** the header's value; `{secret}` is replaced (default `Bearer {secret}`) */
  format: z.string().includes('{secret}', { message: 'must contain `{secret}`' }).optional(),
  /** send plain requests to these hosts on over https (default false) */
  https: z.boolean().optional(),
});
export type SecretSpec = z.infer<typeof SecretSchema>;

/**
 * A change to a rule of the default pack (or of a managed policy) by its id: switch it off, give it
 * another decision, or narrow it with a further condition; always with a reason. Only your own
 * (user) and managed policies may override; a workspace's may not.
 */
export const OverrideSchema = z.strictObject({
  /** the id of the rule to change */
  rule: z.string().min(1),
  /** the rule no longer applies */
  disable: z.literal(true).optional(),
  /** the rule decides this instead */
  decision: z.enum(['allow', 'deny', 'step_up', 'defer']).optional(),
  /** a CEL condition: the rule applies only where it is true as well (a narrower rule) */
  when: z.string().min(1).optional(),
  /** why; shown in `aarm check`, lint and the editor, and kept in every receipt it changes */
  reason: z.string().min(1),
  /** a managed policy only: no user policy may override this rule */
  locked: z.boolean().optional(),
  /**
   * written by aarm from an "always" approval: an exception of exactly one action (a `when` that
   * is false only there). Exceptions of one rule add up, unlike other overrides (one per rule).
   */
  approved: ApprovedSchema.optional(),
});
export type OverrideSpec = z.infer<typeof OverrideSchema>;

export const PolicyFileSchema = z.strictObject({
  /** format version of this file */
  aarm: z.literal(POLICY_FORMAT),
  name: z.string().min(1),
  description: z.string().optional(),
  /** decision when no rule of the whole policy set matches; the strictest one declared wins */
  default: z.enum(['allow', 'deny', 'step_up', 'defer']).optional(),
  rules: z.array(RuleSchema).default([]),
  examples: z.array(ExampleSchema).default([]),
  secrets: z.array(SecretSchema).max(64).default([]),
  /** changes to rules of the default pack (or of a managed policy), by id */
  overrides: z.array(OverrideSchema).max(256).default([]),
});
export type PolicyFileSpec = z.infer<typeof PolicyFileSchema>;
