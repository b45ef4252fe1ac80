/**
 * The `aarm` command. Each subcommand is a thin adapter over the daemon, the client or the
 * engine; `--help` on each says what it does.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir, hostname } from 'node:os';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DAEMON_VERSION, PublicKeySchema, isRecord, type PublicKey } from '../protocol/index.js';
import { connect, DaemonUnavailableError } from '../client/client.js';
import { verifyExport } from '../receipts/verify.js';
import { checkAgainstCheckpoints, findCheckpoints } from '../receipts/checkpoints.js';
import { publicKeyOf, verifyWithNoble, verifyWithNodeCrypto } from '../receipts/keys.js';
import { DaemonAlreadyRunning, createDaemon } from '../server/daemon.js';
import {
  aarmHome,
  ensureHome,
  loadKeys,
  loadOrCreateKeys,
  resolveHomeDir,
  rotateKey,
} from '../server/home.js';
import { judge, judgeInvalid } from '../pipeline/judge.js';
import {
  builtinPackDir,
  createPolicySources,
  createFileView,
  resolveSymlinks,
} from '../server/policy-files.js';
import { effectsFor, prepareForPolicy } from '../pipeline/prepare.js';
import { lintPolicyText, loadPolicyText, runExamples } from '../policy/index.js';
import { isWithin } from '../protocol/paths.js';
import { policyJsonSchema } from '../policy/json-schema.js';
import { createSessionManager } from '../server/sessions.js';
import { EVENT_FORMATS, exportEvents, exportReceipts, type EventFormat } from './export.js';
import { FilterSchema, loadTelemetryConfig } from '../telemetry/config.js';
import { OCSF_VERSION } from '../receipts/ocsf.js';
import { HOOK_TIMEOUT_S, runHook, runMcpProxyCommand, runShell } from './agents.js';
import { installHooks, uninstallHooks } from './install.js';
import { runDoctor } from './doctor.js';
import { BASH, shellJoin } from '../protocol/shell-quote.js';

/** Exit codes of `aarm exec` when the command did not run. */
export const EXIT_DENIED = 126;
export const EXIT_UNAVAILABLE = 125;

interface Command {
  summary: string;
  usage: string;
  run(args: string[]): Promise<number> | number;
}

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;
const HELP = { help: { type: 'boolean', short: 'h' } } as const;

function parse<const T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({
      args,
      options: { ...options, ...HELP },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase()));
  }
}

const homeDir = () => resolveHomeDir();

const installOptions = (project: boolean) => ({
  project,
  cwd: process.cwd(),
  home: homedir(),
  env: process.env,
  out: (line: string) => process.stdout.write(`${line}\n`),
  err: (line: string) => process.stderr.write(`${line}\n`),
});

function hookSeconds(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 5 || value > 86_400)
    throw new UsageError(`${flag}: \`${text}\` is not a whole number of seconds from 5 to 86400`);
  return value;
}

const commands: Record<string, Command> = {
  daemon: {
    summary: 'run the daemon in the foreground',
    usage: `aarm daemon [--port N] [--no-default-pack] [--approval-timeout SECONDS] [--defer-timeout SECONDS]

Runs the daemon on 127.0.0.1 with the built-in default policy, the user's policies in
$AARM_HOME/policies/ and each workspace's .aarm/*.yaml and *.aarm.yaml. State lives in
$AARM_HOME (default: $XDG_STATE_HOME/aarm, else ~/.local/state/aarm). Stop with Ctrl-C.

  --port N            listen on port N (default: any free port, written to $AARM_HOME/daemon.json)
  --no-default-pack   run without the built-in pack (only your own policies and built-in protections)
  --approval-timeout  seconds a STEP_UP waits for a human approver before it is denied (default 120)
  --defer-timeout     seconds a DEFERred action waits for its missing context before it is denied (default 30)

Agents connect with $AARM_HOME/token; approvers (the VS Code extension, \`aarm grants\`) with
$AARM_HOME/approver-token. An agent connection can never approve.`,
    async run(args) {
      const { values } = parse(args, {
        port: { type: 'string' },
        'no-default-pack': { type: 'boolean' },
        'approval-timeout': { type: 'string' },
        'defer-timeout': { type: 'string' },
      });
      if (values.help) return help('daemon');
      const port = values.port === undefined ? 0 : Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError(`--port: \`${values.port}\` is not a port number`);
      const seconds = (flag: string, text: string | undefined, fallback: number) => {
        if (text === undefined) return fallback;
        const value = Number(text);
        if (!Number.isFinite(value) || value <= 0)
          throw new UsageError(`${flag}: \`${text}\` is not a number of seconds`);
        return value * 1000;
      };
      const approvalTimeoutMs = seconds('--approval-timeout', values['approval-timeout'], 120_000);
      const deferTimeoutMs = seconds('--defer-timeout', values['defer-timeout'], 30_000);
      let daemon;
      try {
        daemon = await createDaemon({
          homeDir: homeDir(),
          port,
          approvalTimeoutMs,
          deferTimeoutMs,
          userHome: homedir(),
          packDir: values['no-default-pack'] ? null : builtinPackDir(),
          log: (line) => err(`[${new Date().toISOString()}] ${line}`),
        });
      } catch (error) {
        if (error instanceof DaemonAlreadyRunning) {
          err(`aarm: ${error.message}; stop it first, or set AARM_HOME to use another state directory`);
          return 1;
        }
        throw error;
      }
      const problems = daemon.policies.forWorkspace(undefined).set.problems;
      for (const p of problems) err(`${p.source}:${p.line}:${p.column}: ${p.severity}: ${p.message}`);
      return new Promise<number>((resolveExit) => {
        let signals = 0;
        const stop = (signal: string) => {
          signals++;
          if (signals > 1) process.exit(130); // second signal: do not wait
          err(`received ${signal}, shutting down (again to force)`);
          void daemon.close().then(() => resolveExit(0));
        };
        void daemon.failed.then(() => resolveExit(1));
        process.on('SIGINT', () => stop('SIGINT'));
        process.on('SIGTERM', () => stop('SIGTERM'));
      });
    },
  },

  status: {
    summary: 'exit 0 when a daemon answers',
    usage: `aarm status [--json]

Asks the daemon of $AARM_HOME whether it is running and prints its version, uptime, receipt
count and the policy in force. Exits 0 when it answers, 1 when it does not.`,
    async run(args) {
      const { values } = parse(args, { json: { type: 'boolean' } });
      if (values.help) return help('status');
      try {
        const client = await connect({
          homeDir: homeDir(),
          client: { name: 'aarm-status', version: DAEMON_VERSION },
          timeoutMs: 5000,
        });
        const status = await client.status();
        await client.close();
        if (values.json) out(JSON.stringify(status));
        else {
          out(
            `aarm daemon ${status.version} (pid ${status.pid}) is running, up ${Math.round(status.uptimeMs / 1000)} s`,
          );
          out(
            status.chain.ok
              ? `receipts: ${status.receipts}; chain verified at start-up${status.chain.warning ? ` (${status.chain.warning})` : ''}`
              : `receipts: ${status.receipts}; RECEIPT CHAIN BROKEN: ${status.chain.error} — every action is denied`,
          );
          out(
            `approvers connected: ${status.approvers}; waiting: ${status.pendingApprovals} approval(s), ${status.deferred} deferred action(s)`,
          );
          out(`policy: ${status.policy.hash.slice(0, 16)} from ${status.policy.files.length} file(s)`);
          for (const e of status.policy.errors) out(`policy error: ${e}`);
          if (status.telemetry?.error !== undefined) out(`TELEMETRY NOT STARTED: ${status.telemetry.error}`);
          for (const d of status.telemetry?.destinations ?? [])
            out(
              `telemetry ${d.name}: ${d.sent} sent, ${d.queued} queued, ${d.dropped} dropped, ${d.failures} failed attempts` +
                (d.lastError !== undefined && d.queued > 0 ? ` (last error: ${d.lastError})` : ''),
            );
        }
        return 0;
      } catch (error) {
        err(`aarm: ${(error as Error).message}`);
        return 1;
      }
    },
  },

  exec: {
    summary: 'run a command only if policy allows it',
    usage: `aarm exec [--workspace DIR] [--session ID] -- CMD ARGS...

Submits CMD as a shell/exec action to the daemon and runs it only when the verdict is allow
(a MODIFY runs the modified command with bash -c). The outcome is recorded in the receipt.
On deny, prints the rule and reason and exits ${EXIT_DENIED} without running anything; when the
daemon cannot be reached, exits ${EXIT_UNAVAILABLE} (fail closed). Otherwise exits with CMD's code.

  --workspace DIR   the workspace the command works in (default: the current directory)
  --session ID      group this action with others in one session`,
    async run(args) {
      const { values, positionals } = parse(args, {
        workspace: { type: 'string' },
        session: { type: 'string' },
      });
      if (values.help) return help('exec');
      if (positionals.length === 0) throw new UsageError('no command given: aarm exec -- CMD ARGS...');
      const cwd = process.cwd();
      const workspace = resolve(values.workspace ?? cwd);
      const command = shellJoin(positionals);
      let client;
      try {
        client = await connect({
          homeDir: homeDir(),
          client: { name: 'aarm-exec', version: DAEMON_VERSION },
        });
      } catch (error) {
        err(`aarm: not running \`${command}\`: ${(error as Error).message}`);
        return EXIT_UNAVAILABLE;
      }
      try {
        const reply = await client.submit({
          tool: 'shell',
          operation: 'exec',
          parameters: { command, cwd },
          context: { workspace },
          identity: { agent: { name: process.env.AARM_AGENT ?? 'aarm-exec', adapter: 'exec' } },
          ...(values.session ? { session: values.session } : {}),
        });
        const { decision } = reply;
        if (reply.verdict !== 'allow') {
          err(`aarm: denied \`${command}\``);
          err(`  decision: ${decision.decision} (rule ${decision.rule}, risk ${decision.risk})`);
          err(`  reason: ${decision.reason}`);
          err(`  receipt: ${reply.receiptId}`);
          return EXIT_DENIED;
        }
        const modified =
          decision.modifiedAction?.tool === 'shell' ? decision.modifiedAction.parameters.command : undefined;
        if (modified !== undefined)
          err(`aarm: policy rule ${decision.rule} modified the command to \`${modified}\``);
        const started = Date.now();
        const result = await run(modified === undefined ? positionals : [BASH, '-c', modified]);
        await client.reportOutcome(reply.receiptId, {
          status: result.error === undefined && result.code === 0 ? 'success' : 'error',
          ...(result.code !== undefined ? { exitCode: result.code } : {}),
          ...(result.error !== undefined ? { error: result.error } : {}),
          durationMs: Date.now() - started,
        });
        return result.code ?? 127;
      } catch (error) {
        err(`aarm: ${(error as Error).message}`);
        return EXIT_UNAVAILABLE;
      } finally {
        await client.close();
      }
    },
  },

  check: {
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
      if (values.help) return help('check');
      for (const file of values.policy ?? [])
        if (!existsSync(file)) throw new UsageError(`--policy: \`${file}\` does not exist`);
      const home = homedir();
      const state = aarmHome(homeDir());
      const workspace = values.workspace === undefined ? undefined : resolve(values.workspace);
      const policies = createPolicySources({
        home,
        stateDir: state.dir,
        ...(values['no-default-pack'] ? {} : { packDir: builtinPackDir() }),
        userDir: state.policiesDir,
        extraFiles: values.policy ?? [],
        watch: false,
      });
      const problems = policies.forWorkspace(workspace).set.problems;
      for (const p of problems) err(`${p.source}:${p.line}:${p.column}: ${p.severity}: ${p.message}`);
      const fileView = createFileView();
      const deps = {
        policies,
        home,
        realpath: resolveSymlinks,
        effectsOf: effectsFor(home, fileView),
        caseInsensitive: (dir: string) => fileView.caseInsensitive?.(dir) ?? false,
      };
      // Lines with the same `session` share one accumulated context, as in the live daemon.
      const sessions = createSessionManager({ home });
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
  },

  export: {
    summary: 'export receipts as a signed bundle, or as OCSF, OTLP or CEF events',
    usage: `aarm export (--session ID | --all) [--format bundle|ocsf|otlp|cef] [filters] --out FILE

Writes the receipts of one session, or all of them, from $AARM_HOME's database to FILE. Works
while the daemon runs.

  --format bundle   (the default; \`jsonl\` is the same) a signed header line (scope, count, hash
                    of the last record, public keys) and one signed record per line. Check the file
                    with \`aarm verify FILE\`.
  --format ocsf     for a SIEM: a JSON array of OCSF ${OCSF_VERSION} events, one per receipt and
                    one per line, in chain order (mapping: docs/telemetry.md).
  --format otlp     OpenTelemetry logs: one OTLP/JSON ExportLogsServiceRequest per line (the
                    Collector's otlpjsonfile receiver reads it; each line can be POSTed to /v1/logs).
  --format cef      one CEF record per line.
  The event formats are redacted as live telemetry is (secret-shaped values and the \`redact\`
  fields of $AARM_HOME/telemetry.json become digests), end with a signed checkpoint of the
  chain's head, and are not signed as files: each event carries its receipt's id, hash and
  signature. Filters (comma-separated lists, as in telemetry.json):
  --events decision,approval,deferral,outcome,checkpoint
  --decisions allow,deny,modify,step_up,defer     --actions shell,fs write,net,mcp
  --identities USER|GIT-EMAIL|AGENT-NAME|SERVICE`,
    async run(args) {
      const { values } = parse(args, {
        session: { type: 'string' },
        all: { type: 'boolean' },
        format: { type: 'string' },
        out: { type: 'string', short: 'o' },
        events: { type: 'string' },
        decisions: { type: 'string' },
        actions: { type: 'string' },
        identities: { type: 'string' },
      });
      if (values.help) return help('export');
      if ((values.session === undefined) === (values.all !== true))
        throw new UsageError('give exactly one of --session ID or --all');
      if (values.out === undefined) throw new UsageError('--out FILE is required');
      const format = values.format === undefined || values.format === 'jsonl' ? 'bundle' : values.format;
      if (format !== 'bundle' && !(EVENT_FORMATS as readonly string[]).includes(format))
        throw new UsageError(
          `--format: \`${values.format}\` is not supported (supported: bundle, ${EVENT_FORMATS.join(', ')})`,
        );
      const list = (text: string | undefined) => text?.split(',').map((item) => item.trim());
      const filterInput = {
        events: list(values.events),
        decisions: list(values.decisions),
        actions: list(values.actions),
        identities: list(values.identities),
      };
      const filter = FilterSchema.safeParse(
        Object.fromEntries(Object.entries(filterInput).filter(([, v]) => v !== undefined)),
      );
      if (!filter.success)
        throw new UsageError(
          filter.error.issues.map((i) => `--${i.path.map(String).join('.')}: ${i.message}`).join('; '),
        );
      if (format === 'bundle' && Object.keys(filter.data).length > 0)
        throw new UsageError('a bundle holds the whole chain; filters apply to --format ocsf, otlp and cef');
      const state = aarmHome(homeDir());
      if (!existsSync(state.database)) {
        err(`aarm: no receipts yet: \`${state.database}\` does not exist`);
        return 1;
      }
      const scope = values.all ? { all: true as const } : { session: values.session! };
      const signingKey = loadOrCreateKeys(state).at(-1)!;
      let count: number;
      if (format === 'bundle') count = exportReceipts(state.database, scope, signingKey, values.out).count;
      else {
        const telemetry = loadTelemetryConfig(state.telemetryFile);
        if (!telemetry.ok) {
          err(`aarm: ${telemetry.error}`);
          return 1;
        }
        count = (
          await exportEvents(
            state.database,
            scope,
            format as EventFormat,
            {
              origin: { version: DAEMON_VERSION, hostname: hostname(), pid: process.pid },
              signingKey,
              filter: filter.data,
              redact: telemetry.config?.redact ?? [],
            },
            values.out,
          )
        ).count;
      }
      const what = format === 'bundle' ? 'bundle' : `${format} file`;
      if (count === 0 && values.session !== undefined) {
        err(`aarm: session \`${values.session}\` has no receipts; wrote an empty ${what} to ${values.out}`);
        return 1;
      }
      out(
        `exported ${count} receipt(s) ${format === 'bundle' ? '' : `as ${format} events, and a signed checkpoint, `}to ${values.out}`,
      );
      return 0;
    },
  },

  verify: {
    summary: 'verify an export offline',
    usage: `aarm verify FILE [--key KEYFILE | --self-signed] [--every-signature] [--portable]
                   [--checkpoints FILE]

Checks the hash chain through every record (nothing edited, deleted, inserted or reordered), the
newest record's signature (which covers the whole chain) and the signed header (nothing cut from
the end). Exits 0 and prints a summary when all holds; exits 1 naming the first bad record
otherwise.

  --every-signature  also check each record's own signature (slower; the chain already covers them)
  --key KEYFILE   trust only the public keys in KEYFILE (JSON from \`aarm keys list --json\`);
                  without it, the keys of $AARM_HOME are trusted (a file signed by others fails)
  --self-signed   trust the keys published in the file: proves the file is intact, not who made it
  --portable      verify with @noble/ed25519 (pure JavaScript) instead of node:crypto
  --checkpoints FILE  also hold the export to the signed chain checkpoints a collector received
                  earlier (raw, OCSF, OTLP/JSON or CEF, as the telemetry sent them): fails when a
                  record differs from what a checkpoint names, or the chain ends before one`,
    run(args) {
      const { values, positionals } = parse(args, {
        key: { type: 'string' },
        portable: { type: 'boolean' },
        'self-signed': { type: 'boolean' },
        'every-signature': { type: 'boolean' },
        checkpoints: { type: 'string' },
      });
      if (values.help) return help('verify');
      const file = positionals[0];
      if (file === undefined || positionals.length > 1)
        throw new UsageError('give one file: aarm verify FILE');
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        err(`aarm: cannot read \`${file}\`: ${(error as Error).message}`);
        return 1;
      }
      // Whose keys count: --key, else this AARM_HOME's, else (only when asked) the file's own.
      let trustedKeys: PublicKey[] | undefined;
      let trustedBy = '--key';
      if (values.key !== undefined) {
        const parsed = PublicKeySchema.array().safeParse(
          [JSON.parse(readFileSync(values.key, 'utf8')) as unknown].flat(),
        );
        if (!parsed.success) throw new UsageError(`--key: \`${values.key}\` holds no public keys`);
        trustedKeys = parsed.data;
      } else if (!values['self-signed']) {
        const state = aarmHome(homeDir());
        trustedKeys = loadKeys(state).map(publicKeyOf);
        trustedBy = `the keys of ${state.dir}`;
      }
      const result = verifyExport(text, {
        verifySignature: values.portable ? verifyWithNoble : verifyWithNodeCrypto,
        signatures: values['every-signature'] ? 'every' : 'chain',
        ...(trustedKeys ? { trustedKeys } : {}),
      });
      if (!result.ok) {
        const where = result.line === undefined ? file : `${file}:${result.line}`;
        err(`${where}: ${result.receiptId ? `receipt ${result.receiptId}: ` : ''}${result.error}`);
        err('verification FAILED');
        return 1;
      }
      const scope = 'all' in result.scope ? 'all sessions' : `session ${result.scope.session}`;
      if (values.checkpoints !== undefined) {
        let checkpointText: string;
        try {
          checkpointText = readFileSync(values.checkpoints, 'utf8');
        } catch (error) {
          err(`aarm: cannot read \`${values.checkpoints}\`: ${(error as Error).message}`);
          return 1;
        }
        const checkpoints = findCheckpoints(checkpointText);
        if (checkpoints.length === 0) {
          err(`${values.checkpoints}: no signed checkpoints found`);
          err('verification FAILED');
          return 1;
        }
        const lines = text
          .split('\n')
          .slice(1)
          .filter((line) => line !== '');
        const held = checkAgainstCheckpoints(
          lines,
          'all' in result.scope,
          checkpoints,
          (trustedKeys ?? result.keys).filter((k) => result.keyIds.includes(k.keyId)),
          values.portable ? verifyWithNoble : verifyWithNodeCrypto,
        );
        if (!held.ok) {
          err(`${file}: ${held.error}`);
          err('verification FAILED');
          return 1;
        }
        out(
          `checkpoints: ${held.matched} of ${held.matched + held.uncovered} match the chain${held.uncovered > 0 ? ` (${held.uncovered} name records outside this session's export)` : ''}; the newest is of record ${held.newest!.seq}, ${held.newest!.time}` +
            (held.otherKeys > 0 ? `; ${held.otherKeys} of other keys (other machines) ignored` : ''),
        );
      }
      out(
        `verified ${result.count} record(s) of ${scope}: ${values['every-signature'] ? 'every signature, ' : ''}chain, head signature and header hold`,
      );
      out(
        `keys: ${result.keyIds.join(', ')} (${trustedKeys ? `trusted: ${trustedBy}` : 'published in the file: it is self-consistent, but who signed it is not proven'})`,
      );
      return 0;
    },
  },

  policy: {
    summary: 'lint and test policy files; print the JSON Schema',
    usage: `aarm policy lint FILE...
aarm policy test FILE...
aarm policy schema

lint: every problem of each file as \`file:line:col: severity: message [code]\` (1-based), from YAML and
schema errors to CEL errors inside conditions, unknown fields, duplicate ids, rules that never match or
are shadowed, dangerously broad allows, workspace allows that would loosen a built-in protection, and
failing inline examples. Exits 1 when there is an error.
test: runs each file's inline examples against that file (and the built-in protections) and prints a
summary. Exits 1 when one fails.
schema: the JSON Schema of the policy format, for other YAML tooling.`,
    run(args) {
      const { values, positionals } = parse(args, {});
      if (values.help) return help('policy');
      const [verb, ...files] = positionals;
      if (verb === 'schema') {
        out(JSON.stringify(policyJsonSchema(), null, 2));
        return 0;
      }
      if ((verb !== 'lint' && verb !== 'test') || files.length === 0)
        throw new UsageError('aarm policy lint FILE... | aarm policy test FILE... | aarm policy schema');
      const home = homedir();
      const context = { prepare: prepareForPolicy(home), effectsOf: effectsFor(home), home };
      const packDir = builtinPackDir();
      const userDir = aarmHome(homeDir()).policiesDir;
      let failed = false;
      for (const file of files) {
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (error) {
          err(`${file}:1:1: error: cannot read policy: ${(error as Error).message}`);
          failed = true;
          continue;
        }
        const absolute = resolve(file);
        const scope = isWithin(absolute, packDir) ? 'pack' : isWithin(absolute, userDir) ? 'user' : undefined;
        if (verb === 'lint') {
          const problems = lintPolicyText(text, file, { ...context, ...(scope ? { scope } : {}) });
          for (const p of problems)
            out(
              `${p.source}:${p.line}:${p.column}: ${p.severity}: ${p.message}${p.code ? ` [${p.code}]` : ''}`,
            );
          if (problems.some((p) => p.severity === 'error')) failed = true;
          continue;
        }
        const loaded = loadPolicyText(text, file);
        if (!loaded.ok) {
          for (const p of loaded.problems)
            out(`${p.source}:${p.line}:${p.column}: ${p.severity}: ${p.message}`);
          out(`${file}: does not load; no examples run`);
          failed = true;
          continue;
        }
        const results = runExamples(loaded.file, context);
        for (const r of results)
          out(
            `${r.ok ? 'ok  ' : 'FAIL'} ${file}:${r.line}: ${r.name}: ${r.ok ? r.actual : `expected ${r.expected}, got ${r.actual}`}`,
          );
        const passed = results.filter((r) => r.ok).length;
        out(`${file}: ${passed} of ${results.length} example(s) pass`);
        if (passed !== results.length) failed = true;
      }
      return failed ? 1 : 0;
    },
  },

  lsp: {
    summary: 'run the policy language server',
    usage: `aarm lsp --stdio

The language server for aarm policy files (language id \`aarm-policy\`: \`.aarm/*.yaml\`, \`*.aarm.yaml\`),
over standard input and output: diagnostics as you type, hover docs, completion and quick fixes.`,
    run(args) {
      const { values } = parse(args, { stdio: { type: 'boolean' } });
      if (values.help) return help('lsp');
      if (!values.stdio) throw new UsageError('only --stdio is supported');
      const home = homedir();
      // loaded here only: the language server's packages are not needed by any other command
      return import('../lsp/server.js').then(({ startLanguageServer }) => {
        startLanguageServer({ prepare: prepareForPolicy(home), effectsOf: effectsFor(home), home });
        return new Promise<number>(() => {}); // runs until the client closes the connection
      });
    },
  },

  hook: {
    summary: "judge an agent's tool call from its hook (claude-code, codex, cline)",
    usage: `aarm hook claude-code | codex | cline [--timeout S]

Run by the agent for every tool call, with the hook's JSON on stdin (install it with \`aarm install\`).
claude-code: PreToolUse → {"hookSpecificOutput":{"permissionDecision":"allow|deny|ask",…}} (MODIFY →
updatedInput; with no approver connected a step-up becomes "ask", Claude Code's own prompt);
PostToolUse/PostToolUseFailure → the outcome goes into the receipt.
codex: PreToolUse → a deny, a MODIFY as allow + updatedInput, or nothing (Codex's own rules then
apply); PostToolUse → the outcome goes into the receipt.
cline: PreToolUse → {"cancel": …, "errorMessage": …}.
--timeout S: the agent's hook timeout (default ${HOOK_TIMEOUT_S}); the hook answers well before it.
Whenever it cannot answer — daemon down or hung, bad input, no answer in time — the call is blocked
(exit 2, the reason on stderr).`,
    async run(args) {
      const { values, positionals } = parse(args, { timeout: { type: 'string' } });
      if (values.help) return help('hook');
      if (positionals.length !== 1) throw new UsageError('aarm hook claude-code | codex | cline');
      return runHook(
        positionals[0]!,
        homeDir(),
        values.timeout === undefined ? HOOK_TIMEOUT_S : hookSeconds('--timeout', values.timeout),
      );
    },
  },

  install: {
    summary: 'make an agent send its tool calls to aarm (claude-code, codex, cline)',
    usage: `aarm install claude-code | codex | cline [--project] [--timeout S]

claude-code: adds PreToolUse, PostToolUse and PostToolUseFailure command hooks to ~/.claude/settings.json
(--project: ./.claude/settings.json).
codex: adds PreToolUse and PostToolUse hooks to $CODEX_HOME/hooks.json (default ~/.codex; --project:
./.codex/hooks.json) and records in $CODEX_HOME/config.toml that Codex may run them (Codex silently
skips hooks it does not trust); when codex is on PATH, asks Codex to confirm.
cline: an executable .clinerules/hooks/PreToolUse in this project.
--timeout S: the agent's timeout for the hook (default ${HOOK_TIMEOUT_S}); the hook blocks the call
before it runs out, since an agent runs a call whose hook timed out.
Prints what it changed; running it again changes nothing. Check the result with \`aarm doctor\`.`,
    run(args) {
      const { values, positionals } = parse(args, {
        project: { type: 'boolean' },
        timeout: { type: 'string' },
      });
      if (values.help) return help('install');
      if (positionals.length !== 1) throw new UsageError('aarm install claude-code | codex | cline');
      return installHooks(positionals[0]!, {
        ...installOptions(values.project ?? false),
        ...(values.timeout === undefined ? {} : { timeoutS: hookSeconds('--timeout', values.timeout) }),
      });
    },
  },

  uninstall: {
    summary: "take aarm's hook out of an agent's settings",
    usage: `aarm uninstall claude-code | codex | cline [--project]

Removes aarm's hooks from the files \`aarm install\` writes (with --project, the project's), and for
Codex the trust entries it recorded. Other hooks stay as they were. Prints what it changed.`,
    run(args) {
      const { values, positionals } = parse(args, { project: { type: 'boolean' } });
      if (values.help) return help('uninstall');
      if (positionals.length !== 1) throw new UsageError('aarm uninstall claude-code | codex | cline');
      return uninstallHooks(positionals[0]!, installOptions(values.project ?? false));
    },
  },

  doctor: {
    summary: 'check that each agent on this machine really sends its tool calls to aarm',
    usage: `aarm doctor [--json]

For each agent found (on PATH or by its settings): is the hook installed, does its command point at
files that exist, does the agent trust it (Codex asks itself), and does a dry call through the hook's
own command line get an answer from the daemon. Also: is the daemon running and does it accept the
agent token. Each problem comes with the command that fixes it. Exit 0 when nothing is wrong.
The dry call is judged like any action and leaves one receipt (session aarm-doctor-…).`,
    run(args) {
      const { values } = parse(args, { json: { type: 'boolean' } });
      if (values.help) return help('doctor');
      return runDoctor({ ...installOptions(false), homeDir: homeDir(), json: values.json ?? false });
    },
  },

  shell: {
    summary: 'a SHELL for agents: judge `-c COMMAND`, then run it with bash',
    usage: `aarm shell -c COMMAND        (or the aarm-shell executable, as an agent's SHELL)

Submits COMMAND as a shell/exec action and runs it with bash -c only when allowed. Point an agent's
SHELL at it: SHELL="$(npm root)/.bin/aarm-shell". The workspace is $AARM_WORKSPACE or the current
directory; $AARM_AGENT and $AARM_SESSION name the agent and the session. Exits 126 when denied and 125
when the daemon cannot be reached — nothing runs then.`,
    run(args) {
      if (args.includes('--help') || args.includes('-h')) return help('shell');
      return runShell(args, homeDir());
    },
  },

  'mcp-proxy': {
    summary: 'put an MCP stdio server behind aarm',
    usage: `aarm mcp-proxy [--workspace DIR] [--name NAME] [--accept-changes] -- SERVER_CMD ARGS...

Starts the MCP server and sits between it and the client on stdio: every tools/call is judged by the
daemon first; a refused call gets an MCP error result with the rule and reason. Tools of the reference
filesystem, fetch and git servers are judged as the file, network and git actions they are. Tool
descriptions are pinned by hash in $AARM_HOME/mcp-pins/; a tool whose description changes later is
refused until you restart with --accept-changes.

  --workspace DIR     the workspace of the calls (default: the current directory)
  --name NAME         the server's name in policy (default: from the command, e.g. server-filesystem)`,
    run(args) {
      const split = args.indexOf('--');
      const own = split >= 0 ? args.slice(0, split) : args;
      const { values } = parse(own, {
        workspace: { type: 'string' },
        name: { type: 'string' },
        'accept-changes': { type: 'boolean' },
      });
      if (values.help) return help('mcp-proxy');
      if (split < 0)
        throw new UsageError('give the server command after --: aarm mcp-proxy -- SERVER_CMD ARGS...');
      return runMcpProxyCommand(
        {
          workspace: values.workspace ?? process.cwd(),
          name: values.name,
          acceptChanges: values['accept-changes'] ?? false,
          server: args.slice(split + 1),
        },
        homeDir(),
      );
    },
  },

  grants: {
    summary: 'list or revoke standing approvals',
    usage: `aarm grants list [--json]
aarm grants revoke GRANT_ID

When an approver answers a step-up with "for this session" or "always", the daemon keeps a grant
that covers the same kind of action (same rule, same program and subcommand, path or host) from then
on. list: every grant, revoked ones marked. revoke: withdraw one at once. Talks to the running daemon
as an approver ($AARM_HOME/approver-token).`,
    async run(args) {
      const { values, positionals } = parse(args, { json: { type: 'boolean' } });
      if (values.help) return help('grants');
      const [verb, id] = positionals;
      if (verb !== 'list' && !(verb === 'revoke' && id !== undefined))
        throw new UsageError('aarm grants list | aarm grants revoke GRANT_ID');
      const client = await connect({
        homeDir: homeDir(),
        role: 'approver',
        client: { name: 'aarm-grants', version: DAEMON_VERSION },
        timeoutMs: 5000,
      });
      try {
        if (verb === 'revoke') {
          await client.revoke(id!);
          out(`revoked ${id!}`);
          return 0;
        }
        const grants = await client.grants();
        if (values.json) out(JSON.stringify(grants, null, 2));
        else if (grants.length === 0) out('no grants');
        else
          for (const g of grants) {
            const where =
              g.scope === 'session' ? `session ${g.session ?? '?'}` : `workspace ${g.workspace ?? '?'}`;
            out(
              `${g.id}  ${g.revoked ? 'REVOKED ' : ''}${g.rule}: \`${g.key}\` in ${where}, by ${g.approver} at ${g.created}`,
            );
          }
        return 0;
      } catch (error) {
        err(`aarm: ${(error as Error).message.replace(/^unknown_grant: /, '')}`);
        return 1;
      } finally {
        await client.close();
      }
    },
  },

  keys: {
    summary: 'list or rotate the receipt signing keys',
    usage: `aarm keys list [--json]
aarm keys rotate

list: the public keys of $AARM_HOME (newest signs). --json prints them for \`aarm verify --key\`.
rotate: makes a new signing key; a running daemon uses it after its next start. Old keys stay,
so old receipts still verify.`,
    run(args) {
      const { values, positionals } = parse(args, { json: { type: 'boolean' } });
      if (values.help) return help('keys');
      const state = aarmHome(homeDir());
      ensureHome(state);
      if (positionals[0] === 'rotate') {
        const key = rotateKey(state);
        out(`new signing key ${key.keyId}; restart the daemon to sign with it`);
        return 0;
      }
      if (positionals[0] !== 'list') throw new UsageError('aarm keys list | aarm keys rotate');
      const keys = loadOrCreateKeys(state).map(publicKeyOf);
      if (values.json) out(JSON.stringify(keys, null, 2));
      else for (const key of keys) out(`${key.keyId}  ${key.created}  ${key.publicKey}`);
      return 0;
    },
  },
};

function help(name?: string): number {
  const command = name !== undefined && Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (command !== undefined) {
    out(command.usage);
    return 0;
  }
  out(`aarm ${DAEMON_VERSION}: stands between AI agents and the machine

usage: aarm <command> [options]   (aarm <command> --help for more)

${Object.entries(commands)
  .map(([n, c]) => `  ${n.padEnd(8)} ${c.summary}`)
  .join('\n')}

State directory: $AARM_HOME (now ${homeDir()})`);
  return 0;
}

function run(argv: string[]): Promise<{ code?: number; error?: string }> {
  return new Promise((resolveRun) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: 'inherit' });
    child.once('error', (error) => resolveRun({ code: 127, error: error.message }));
    child.once('exit', (code, signal) =>
      resolveRun(
        signal
          ? { code: 128 + (signalNumber(signal) ?? 0), error: `killed by ${signal}` }
          : { code: code ?? 1 },
      ),
    );
  });
}

function signalNumber(signal: string): number | undefined {
  return ({ SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 } as Record<string, number>)[signal];
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') return help(rest[0]);
  if (name === '--version') {
    out(DAEMON_VERSION);
    return 0;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (command === undefined) {
    err(`aarm: unknown command \`${name}\`; see \`aarm --help\``);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      err(`aarm ${name}: ${error.message}`);
      err(`usage: ${command.usage.split('\n')[0]}`);
      return 2;
    }
    if (error instanceof DaemonUnavailableError) {
      err(`aarm: ${error.message}`);
      return 1;
    }
    err(`aarm: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}
