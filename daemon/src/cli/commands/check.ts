/** `aarm check` */
import { confinementAvailability } from '../../confinement/bubblewrap.js';
import { gitRemoteEndpoints } from '../../state/git-remotes.js';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { judge, judgeInvalid } from '../../pipeline/judge.js';
import { effectsFor } from '../../pipeline/prepare.js';
import { isRecord } from '../../protocol/index.js';
import { aarmHome } from '../../state/home.js';
import {
  builtinPackDir,
  createFileView,
  createPolicySources,
  resolveSymlinks,
} from '../../state/policy-files.js';
import { createSessionManager } from '../../gate/sessions.js';
import { readSecretFile } from '../../state/files.js';
import { err, homeDir, out, parse, showUsage, UsageError, type Command } from '../command.js';

export const checkCli: Command = {
  summary: 'decide actions from stdin (JSON lines) without a daemon',
  usage: `aarm check [--policy FILE]... [--workspace DIR] [--no-default-pack]

Reads actions as JSON lines on stdin and prints one decision per line as JSON:
{"line", "decision", "verdict", "rule", "reason", "risk", "session"?, "modifiedAction"?}.
Nothing runs and nothing is recorded: a replay or shadow run of a draft policy. Decisions are
made exactly as the daemon makes them: lines with the same \`session\` share one context (the
original request from \`context.request\`, prior actions, data classes, untrusted input). With no
approver and no one to resolve a deferral, a STEP_UP or DEFER ends in verdict deny. Exits 1 when
a policy file has errors (then every action is denied, as the daemon would), else 0.

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
    const policies = createPolicySources({
      home,
      stateDir: resolveSymlinks(state.dir),
      ...(values['no-default-pack'] ? {} : { packDir: builtinPackDir() }),
      userDir: state.policiesDir,
      extraFiles: values.policy ?? [],
      watch: false,
    });
    const problems = policies.forWorkspace(workspace).set.problems;
    for (const p of problems) err(`${p.source}:${p.line}:${p.column}: ${p.severity}: ${p.message}`);
    const fileView = createFileView();
    const confinement = confinementAvailability();
    const deps = {
      policies,
      home,
      realpath: resolveSymlinks,
      effectsOf: effectsFor(home, fileView),
      caseInsensitive: (dir: string) => fileView.caseInsensitive?.(dir) ?? false,
      gitRemoteEndpoints,
      // As a daemon started here would decide: `confine:` rules allow where bubblewrap works.
      ...(confinement.available ? { confine: true } : { unconfinedBecause: confinement.reason }),
    };
    // Lines with the same `session` share one accumulated context, as in the live daemon.
    const sessions = createSessionManager({ home, readSecretFile });
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
      const session = isRecord(raw) && typeof raw.session === 'string' ? raw.session : '';
      const request =
        isRecord(raw) && isRecord(raw.context) && typeof raw.context.request === 'string'
          ? raw.context.request
          : undefined;
      if (request) sessions.setRequest(session, request);
      const j =
        notJson === undefined
          ? judge(raw, line, { ...deps, sessionOf: (action) => sessions.snapshot(session, action) })
          : judgeInvalid(notJson, line, deps);
      sessions.recordAction(session, {
        action: j.action,
        effects: j.effects,
        receiptId: `line-${lineNo}`,
        decision: j.decision.decision,
        verdict: j.verdict,
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
        }),
      );
    }
    policies.close();
    return problems.some((p) => p.severity === 'error') ? 1 : 0;
  },
};
