/**
 * What the Grants view shows: the standing grants the daemon keeps, and beside them the rules
 * "always" answers wrote into the user's policy (approved.yaml), in two groups so a user sees which
 * is which. Pure functions; no VS Code API (timeline.ts turns rows into tree items). What came from
 * an agent's action (keys, commands, paths) reaches the human only through `agentText`.
 */
import type { ApprovedRule, Grant } from '../../daemon/src/protocol/index.js';
import { agentText } from './present.js';

export type GrantsNode =
  | { kind: 'group'; group: 'grants' | 'rules'; items: GrantsNode[] }
  | { kind: 'grant'; grant: Grant }
  | { kind: 'rule'; rule: ApprovedRule };

/** A tree row, as plain data: label, the grey text beside it, the hover, the icon and what it offers. */
export interface GrantsRow {
  id: string;
  label: string;
  description: string;
  tooltip: string;
  icon: string;
  /** a theme colour for the icon */
  color?: string;
  /** `aarm.grant` and `aarm.rule` offer Revoke; `aarm.rule` also Open */
  contextValue?: string;
  expanded?: boolean;
}

export interface GrantsRowOptions {
  now: Date;
  /** approver key id → the name it registered with (a rule names the key that signed) */
  approverNames?: ReadonlyMap<string, string>;
  time?: (iso: string) => string;
}

/** The view's top level: one group each for the live grants and the rules, only those with something in them. */
export function grantsTree(grants: readonly Grant[], rules: readonly ApprovedRule[]): GrantsNode[] {
  const live = grants.filter((g) => g.revoked === undefined);
  return [
    ...(live.length > 0
      ? [
          {
            kind: 'group' as const,
            group: 'grants' as const,
            items: live.map((grant) => ({ kind: 'grant' as const, grant })),
          },
        ]
      : []),
    ...(rules.length > 0
      ? [
          {
            kind: 'group' as const,
            group: 'rules' as const,
            items: rules.map((rule) => ({ kind: 'rule' as const, rule })),
          },
        ]
      : []),
  ];
}

const localTime = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
};

/** Uses, where the daemon counts them (a rule with a maximum number of uses). */
function usesText(rule: ApprovedRule): string | undefined {
  const { uses, maxUses } = rule as ApprovedRule & { uses?: unknown; maxUses?: unknown };
  if (typeof maxUses === 'number') return `used ${typeof uses === 'number' ? uses : 0} of ${maxUses}`;
  return typeof uses === 'number' ? `used ${uses}×` : undefined;
}

function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1) || path;
}

export function grantsRow(node: GrantsNode, options: GrantsRowOptions): GrantsRow {
  const time = options.time ?? localTime;
  if (node.kind === 'group') {
    const count = node.items.length;
    if (node.group === 'grants')
      return {
        id: 'group:grants',
        label: 'Grants',
        description: `${count} · kept by the daemon`,
        tooltip:
          'Standing approvals from answers “for this session” or “always in this workspace”, kept in the daemon’s database. Revoke withdraws one at once.',
        icon: 'unlock',
        expanded: true,
      };
    const first = node.items[0];
    const file = first?.kind === 'rule' ? first.rule.file : 'approved.yaml';
    return {
      id: 'group:rules',
      label: 'Rules in your policy',
      description: `${count} · ${fileName(file)}`,
      tooltip: `Rules that “always” answers wrote into your policy (${file}), each allowing exactly one action. Revoke removes a rule from the file (the daemon does the write); Open shows it there.`,
      icon: 'law',
      expanded: true,
    };
  }
  if (node.kind === 'grant') {
    const grant = node.grant;
    const where =
      grant.scope === 'always'
        ? `always in ${agentText(grant.workspace ?? '?', { max: 60 })}`
        : `session ${agentText(grant.session ?? '?', { max: 40 })}`;
    return {
      id: `grant:${grant.id}`,
      label: agentText(grant.key, { max: 80 }),
      description: `${grant.untrusted ? 'UNTRUSTED, covers nothing · ' : ''}${where} · rule ${grant.rule}`,
      tooltip: [
        `Grant ${grant.id}: allows ${agentText(grant.key, { max: 400 })}`,
        `where ${grant.rule} would ask, ${where}${grant.agent ? ` (agent ${agentText(grant.agent, { max: 60 })})` : ''}`,
        `Granted ${time(grant.created)} by ${agentText(grant.approver, { max: 120 })}`,
        ...(grant.untrusted
          ? ['Its signature does not hold: it was not made by aarm and covers nothing.']
          : []),
      ].join('\n'),
      icon: grant.untrusted ? 'warning' : 'unlock',
      ...(grant.untrusted ? { color: 'errorForeground' } : {}),
      contextValue: 'aarm.grant',
    };
  }
  const rule = node.rule;
  const keyName = options.approverNames?.get(rule.approver);
  const approver = keyName ? `${agentText(keyName, { max: 40 })} (${rule.approver})` : rule.approver;
  const expiry = rule.expires === undefined ? undefined : Date.parse(rule.expires);
  const expired = expiry !== undefined && expiry <= options.now.getTime();
  const until =
    rule.expires === undefined
      ? 'no expiry'
      : expired
        ? `expired ${time(rule.expires)}`
        : `until ${time(rule.expires)}`;
  const uses = usesText(rule);
  // "shell/exec `ls -la` in /notes (workspace /project)": the action as the label, where it applies
  // beside it. The workspace is the daemon's field, read from the rule's condition: the words are
  // the agent's and may hold "(workspace …" themselves.
  const suffix = rule.workspace !== undefined ? ` (workspace ${rule.workspace})` : undefined;
  const split =
    suffix !== undefined && rule.action.endsWith(suffix)
      ? [rule.action, rule.action.slice(0, -suffix.length), rule.workspace!]
      : undefined;
  return {
    id: `rule:${rule.id}`,
    label: agentText(split?.[1] ?? rule.action, { max: 80 }),
    description: [
      ...(expired ? ['EXPIRED, no longer applies'] : []),
      ...(split ? [`in ${agentText(split[2], { max: 60 })}`] : []),
      `instead of ${rule.rule}`,
      `by ${approver}`,
      time(rule.date),
      ...(expired ? [] : [until]),
      ...(uses ? [uses] : []),
    ].join(' · '),
    tooltip: [
      `Rule ${rule.id} allows exactly ${agentText(rule.action, { max: 400 })}`,
      `It stands aside from ${rule.rule}, which would ask a human.`,
      `Approved by ${approver} at ${time(rule.date)} (approval ${rule.approval})`,
      `Receipt: ${rule.receipt ?? 'none yet'}`,
      expired ? `Expired ${time(rule.expires!)}: it no longer applies.` : `Expires: ${until}`,
      ...(uses ? [`Uses: ${uses}`] : []),
      `File: ${rule.file}`,
    ].join('\n'),
    icon: 'law',
    ...(expired ? { color: 'disabledForeground' } : {}),
    contextValue: 'aarm.rule',
  };
}

/**
 * The line of the rule `id` in approved.yaml, 0-based: its allow rule (`- id: …`), else the first
 * line that names it (an exception's `approved:`), else the top of the file.
 */
export function ruleLine(text: string, id: string): number {
  const lines = text.split('\n');
  const allow = lines.findIndex(
    (line) => /^\s*-\s+id:\s*/.test(line) && line.replace(/["'\s]/g, '') === `-id:${id}`,
  );
  return allow >= 0
    ? allow
    : Math.max(
        lines.findIndex((line) => line.includes(id)),
        0,
      );
}
