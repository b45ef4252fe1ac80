/** `aarm replay`: what a draft policy would have changed in what agents really did (issue 22). */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { formatProblem, lintPolicyText, type PolicyProblem } from '../../policy/index.js';
import type { ReplayReport } from '../../protocol/index.js';
import { openReceiptStore } from '../../receipts/store.js';
import { aarmHome } from '../../state/home.js';
import {
  builtinPackDir,
  managedPolicyDir,
  policyLintContext,
  resolveSymlinks,
} from '../../state/policy-files.js';
import { createReplayer, NOW_WORDS, replayRecorded } from '../../main/replay.js';
import { err, homeDir, out, parse, showUsage, UsageError, type Command } from '../command.js';

export const replayCli: Command = {
  summary: 'show what a draft policy would have decided differently in recorded sessions',
  usage: `aarm replay --policy DRAFT... [--session ID] [--since DATE] [--workspace DIR] [--json]

Judges the actions recorded in $AARM_HOME's receipts again, under the draft, with the daemon's
semantics (each session's context rebuilt in order from its context log: requests, earlier
actions as the draft decides them, outcomes), and prints what would change: "would now deny",
"would now allow", "would now ask" (a step-up), "would now modify" or "would now defer", counted by
the draft's rule, with the receipt ids behind each line. Unchanged actions are only counted.
Actions the daemon refused itself, whatever its policy said (a session bound to another workspace
or agent, a broken receipt chain), are not replayed: they are listed apart, as "decided by the
daemon, not policy", since no draft changes them.
Nothing runs and nothing is written; works while the daemon runs (the database is opened
read-only).

The draft REPLACES your own policy layer ($AARM_HOME/policies): the layers in force are managed >
the draft > the workspace's > the built-in pack, as the daemon would load them with the draft in
place of your files. A draft that does not lint prints its problems, as \`aarm policy lint\` does,
and exits 2. An unknown session exits 1. Otherwise exits 0, whatever would change. The editor's
"AARM: Replay This Policy Against Recent Sessions" asks the daemon for the same replay.

--policy FILE    a file of the draft (repeatable)
--session ID     only this session
--since DATE     only actions recorded at or after DATE (ISO 8601, e.g. 2026-11-30 or
                 2026-11-30T17:00Z); their sessions' earlier actions still build the context
--workspace DIR  the workspace of recorded actions that name none
--json           one JSON object: {"replayed", "sessions", "unchanged", "changes": [{"now",
                 "rule", "count", "receipts": [{"id", "session", "time", "was", "wasRule"}]}],
                 "daemonDecided": [{"rule", "count", "receipts": [{"id", "session", "time",
                 "was"}]}]} ("now" and "was": allow, deny, step_up, modify or defer)`,
  run(args) {
    const { values } = parse(args, {
      policy: { type: 'string', multiple: true },
      session: { type: 'string' },
      since: { type: 'string' },
      workspace: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.help) return showUsage(replayCli);
    const drafts = (values.policy ?? []).map((file) => resolve(file));
    if (drafts.length === 0) throw new UsageError('--policy DRAFT is required (the draft to replay)');
    for (const file of values.policy ?? [])
      if (!existsSync(file)) throw new UsageError(`--policy: \`${file}\` does not exist`);
    let since: number | undefined;
    if (values.since !== undefined) {
      since = Date.parse(values.since);
      if (Number.isNaN(since))
        throw new UsageError(
          `--since: \`${values.since}\` is not a date (e.g. 2026-11-30 or 2026-11-30T17:00Z)`,
        );
    }
    const workspace = values.workspace === undefined ? undefined : resolve(values.workspace);

    // Links resolved, as the daemon does (a home reached through a link keeps its protections).
    const home = resolveSymlinks(homedir());
    const state = aarmHome(homeDir());
    // The user's layer is the draft: their own folder is left out.
    const dirs = { packDir: builtinPackDir(), managedDir: managedPolicyDir() };
    let clock = new Date();
    const replayer = createReplayer({
      home,
      stateDir: resolveSymlinks(state.dir),
      dirs,
      extraFiles: drafts,
      now: () => clock,
    });
    try {
      if (!draftLints(drafts, replayer.policies.forWorkspace(workspace).set.problems, home, dirs)) return 2;
      if (!existsSync(state.database)) {
        if (values.session !== undefined) {
          err(`aarm replay: no session \`${values.session}\`: there are no receipts yet`);
          return 1;
        }
        return report(
          values.json,
          { replayed: 0, sessions: 0, unchanged: 0, changes: [], daemonDecided: [] },
          values.since,
        );
      }
      const store = openReceiptStore(state.database, { readonly: true });
      try {
        const replayed = replayRecorded(
          store,
          replayer,
          {
            ...(values.session === undefined ? {} : { session: values.session }),
            ...(since === undefined ? {} : { since }),
            ...(workspace === undefined ? {} : { workspace }),
          },
          (time) => (clock = time),
        );
        if (!replayed.ok) {
          err(`aarm replay: ${replayed.error} of ${state.database}`);
          return 1;
        }
        return report(values.json, replayed.report, values.since);
      } finally {
        store.close();
      }
    } finally {
      replayer.close();
    }
  },
};

/** The draft's problems on stderr, as `aarm policy lint` lists them; false when one is an error. */
function draftLints(
  drafts: string[],
  setProblems: readonly PolicyProblem[],
  home: string,
  dirs: { packDir: string; managedDir: string },
): boolean {
  const context = policyLintContext(home, dirs);
  const problems: PolicyProblem[] = [];
  for (const path of drafts)
    problems.push(...lintPolicyText(readFileSync(path, 'utf8'), path, { ...context, scope: 'user' }));
  // What only the whole set knows (two draft files with one rule id…), once.
  const listed = new Set(problems.map((p) => formatProblem(p)));
  for (const p of setProblems)
    if (drafts.includes(resolve(p.source)) && !listed.has(formatProblem(p))) problems.push(p);
  for (const p of problems) err(formatProblem(p));
  const errors = problems.filter((p) => p.severity === 'error').length;
  if (errors === 0) return true;
  err(`aarm replay: the draft does not lint (${errors} error(s)); nothing was replayed`);
  return false;
}

function report(json: boolean | undefined, result: ReplayReport, since: string | undefined): number {
  if (json) {
    out(JSON.stringify(result, null, 2));
    return 0;
  }
  const byDaemon = result.daemonDecided ?? [];
  const notReplayed = byDaemon.reduce((sum, line) => sum + line.count, 0);
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (result.replayed === 0 && notReplayed === 0) {
    out(`nothing to replay: no actions recorded${since === undefined ? '' : ` since ${since}`}`);
    return 0;
  }
  const changed = result.replayed - result.unchanged;
  out(
    `replayed ${count(result.replayed, 'action')} of ${count(result.sessions, 'session')} under the draft: ${changed} would change, ${result.unchanged} unchanged` +
      (notReplayed === 0 ? '' : `; ${notReplayed} decided by the daemon, not policy: not replayed`),
  );
  for (const change of result.changes) {
    out(`${NOW_WORDS[change.now] ?? `would now ${change.now}`}: ${change.count} (rule ${change.rule})`);
    for (const r of change.receipts) out(`  ${r.id}  was ${r.was} (rule ${r.wasRule}), session ${r.session}`);
  }
  for (const line of byDaemon) {
    out(`decided by the daemon, not policy (not replayed): ${line.count} (rule ${line.rule})`);
    for (const r of line.receipts) out(`  ${r.id}  was ${r.was}, session ${r.session}`);
  }
  return 0;
}
