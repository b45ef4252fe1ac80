/** `aarm check` */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { isRecord } from '../../protocol/index.js';
import { aarmHome } from '../../state/home.js';
import {
  basePolicyFiles,
  builtinPackDir,
  managedPolicyDir,
  policyLintContext,
  resolveSymlinks,
  workspacePolicyFiles,
} from '../../state/policy-files.js';
import { formatProblem, lintPolicyText, type PolicyProblem, type PolicyScope } from '../../policy/index.js';
import { createReplayer } from '../../main/replay.js';
import { recordedUses } from '../approved-uses.js';
import { err, homeDir, out, parse, showUsage, UsageError, type Command } from '../command.js';

export const checkCli: Command = {
  summary: 'decide actions from stdin (JSON lines) without a daemon',
  usage: `aarm check [--policy FILE]... [--workspace DIR] [--no-default-pack]

Reads actions as JSON lines on stdin and prints one decision per line as JSON:
{"line", "decision", "verdict", "rule", "reason", "risk", "session"?, "modifiedAction"?}.
Nothing runs and nothing is recorded: a replay or shadow run of a draft policy. Decisions are
made exactly as the daemon makes them: lines with the same \`session\` share one context (the
original request from \`context.request\`, prior actions, data classes, untrusted input). With no
approver and no one to resolve a deferral, a STEP_UP or DEFER ends in verdict deny. A decision an
override of a default-pack rule changed says so: {"overrides": [{"rule", "kind", "reason", "source"}]}.

First, on stderr, every problem of the policy files in force besides the pack (managed, yours,
--policy, the workspace's, and those of each workspace the actions name), exactly as
\`aarm policy lint\` lists them. Exits 1 when one of them has an error (a file that does not load
makes the daemon deny every action), else 0.

--policy FILE       add this policy file (repeatable) to the built-in pack and $AARM_HOME/policies
--workspace DIR     use DIR's workspace policies, and DIR as the workspace of actions that name none
--no-default-pack   leave out the built-in pack`,
  async run(args) {
    const { values } = parse(args, {
      policy: { type: 'string', multiple: true },
      workspace: { type: 'string' },
      'no-default-pack': { type: 'boolean' },
    });
    if (values.help) return showUsage(checkCli);
    for (const file of values.policy ?? [])
      if (!existsSync(file)) throw new UsageError(`--policy: \`${file}\` does not exist`);
    // Links resolved, as the daemon does (a home reached through a link keeps its protections).
    const home = resolveSymlinks(homedir());
    const state = aarmHome(homeDir());
    const workspace = values.workspace === undefined ? undefined : resolve(values.workspace);
    const dirs = {
      ...(values['no-default-pack'] ? {} : { packDir: builtinPackDir() }),
      managedDir: managedPolicyDir(),
      userDir: state.policiesDir,
    };
    // Approved rules with a maximum of uses are judged with the uses the receipts record.
    const uses = recordedUses(state.database);
    const replayer = createReplayer({
      home,
      stateDir: resolveSymlinks(state.dir),
      dirs,
      extraFiles: values.policy ?? [],
      ...(uses ? { usesOf: uses.usesOf } : {}),
    });
    const policies = replayer.policies;
    // The same list as `aarm policy lint` for each file in force, then what only the set knows.
    const lintContext = { ...policyLintContext(home, dirs), ...(uses ? { approvedUses: uses.usesOf } : {}) };
    const linted = new Set<string>();
    const broken = new Set<string>();
    const show = (p: PolicyProblem) => {
      err(formatProblem(p));
      if (p.severity === 'error') broken.add(p.source);
    };
    const lintFile = (path: string, scope: PolicyScope) => {
      if (linted.has(resolve(path))) return; // a --policy file that is also in your folder
      linted.add(resolve(path));
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        return; // the set says it cannot be read
      }
      for (const p of lintPolicyText(text, path, { ...lintContext, scope })) show(p);
    };
    const checkWorkspace = (dir: string | undefined) => {
      if (dir !== undefined) for (const path of workspacePolicyFiles(dir)) lintFile(path, 'workspace');
      for (const p of policies.forWorkspace(dir).set.problems) if (!linted.has(resolve(p.source))) show(p);
    };
    for (const { path, scope } of basePolicyFiles({ ...dirs, extraFiles: [] }))
      if (scope !== 'pack') lintFile(path, scope);
    for (const file of values.policy ?? []) lintFile(file, 'user');
    checkWorkspace(workspace);
    const seenWorkspaces = new Set([workspace]);
    // Lines with the same `session` share one accumulated context, as in the live daemon.
    let lineNo = 0;
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
      lineNo++;
      if (line.trim() === '') continue;
      let raw: unknown;
      let notJson: string | undefined;
      try {
        raw = JSON.parse(line);
      } catch (error) {
        notJson = `the line is not JSON (${(error as Error).message})`;
      }
      if (workspace !== undefined && isRecord(raw)) {
        const context = isRecord(raw.context) ? raw.context : {};
        if (context.workspace === undefined) raw = { ...raw, context: { ...context, workspace } };
      }
      // A workspace the actions name has its own policy: its problems are listed when first met.
      const named = isRecord(raw) && isRecord(raw.context) ? raw.context.workspace : undefined;
      if (typeof named === 'string' && named.startsWith('/') && !seenWorkspaces.has(named)) {
        seenWorkspaces.add(named);
        checkWorkspace(named);
      }
      const session = isRecord(raw) && typeof raw.session === 'string' ? raw.session : '';
      const request =
        isRecord(raw) && isRecord(raw.context) && typeof raw.context.request === 'string'
          ? raw.context.request
          : undefined;
      if (request) replayer.setRequest(session, request);
      const j = replayer.decide({
        session,
        raw,
        rawText: line,
        receiptId: `line-${lineNo}`,
        ...(notJson === undefined ? {} : { notValid: notJson }),
      });
      out(
        JSON.stringify({
          line: lineNo,
          decision: j.decision.decision,
          verdict: j.verdict,
          rule: j.decision.rule,
          reason: j.decision.reason,
          risk: j.decision.risk,
          ...(isRecord(raw) && typeof raw.session === 'string' ? { session: raw.session } : {}),
          ...(j.decision.modifiedAction ? { modifiedAction: j.decision.modifiedAction } : {}),
          ...(j.decision.overrides ? { overrides: j.decision.overrides } : {}),
        }),
      );
    }
    replayer.close();
    uses?.close();
    if (broken.size === 0) return 0;
    const unusable = [...seenWorkspaces].some((dir) =>
      policies.forWorkspace(dir).set.problems.some((p) => p.severity === 'error'),
    );
    err(
      `aarm check: ${broken.size} policy file(s) with errors (${[...broken].join(', ')})${unusable ? '; a policy file that does not load makes the daemon deny every action until it is fixed' : ''}`,
    );
    return 1;
  },
};
