/**
 * The policy language server (`aarm lsp --stdio`): a thin adapter over the policy linter for any
 * editor. Diagnostics on open and change, hover docs for keys, decisions and condition variables,
 * completion for keys, tools, operations, decisions and fields, and quick fixes from the linter.
 */
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  TextDocumentSyncKind,
  createConnection,
  type CodeAction,
  type CompletionItem,
  type Connection,
  type Diagnostic,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TextDocuments } from 'vscode-languageserver';
import { fileURLToPath } from 'node:url';
import { DECISIONS, KNOWN_OPERATIONS, RISK_LEVELS, ownValue } from '../protocol/index.js';
import {
  FIELDS,
  PARAMETERS,
  POLICY_FUNCTIONS,
  lintPolicyText,
  type LintContext,
  type PolicyProblem,
} from '../policy/index.js';

export const KEY_DOCS: Record<string, string> = {
  aarm: 'Format version of the policy file. Always `1`.',
  name: 'A name for this policy, shown in `aarm status`.',
  description: 'What this policy is for.',
  default:
    'Decision when no rule of the whole policy set matches: `allow`, `deny`, `step_up` or `defer`. The strictest declared default wins; without one, `deny`.',
  rules: 'The rules. Each has an `id`, an optional `match` and `when`, a `decision` and a `reason`.',
  examples:
    'Inline examples: actions with the decision they must get. Checked when the file loads; a failing example rejects the file.',
  id: 'Unique rule id: letters, digits, `.`, `_`, `-`. The `builtin.` prefix is reserved.',
  match:
    'Which actions the rule looks at: `tool` (shell, fs, net, mcp) and `operation`, one or a list. Absent: every action.',
  when: 'A CEL condition over `action`, `effects`, `session`, `workspace` and `home`. The rule applies when it is true; an error denies.',
  decision: 'allow, deny, modify, step_up (a human decides) or defer (wait for missing context).',
  reason: 'Shown to the agent and the human and kept in the receipt. Required for deny, step_up and defer.',
  details: "Optional CEL expression giving text appended to the reason, e.g. `effects.unknown.join('; ')`.",
  risk: 'low, medium, high or critical (default from the decision).',
  forbidden: 'Layer 1: a static deny that no context can lift (decision must be deny).',
  compositional: 'Layer 2: a deny that depends on what the session did before (decision must be deny).',
  modify: 'For `modify`: `set` maps parameter names to CEL expressions giving their new values.',
  confine:
    'For `modify`: `workspace` runs the shell command confined (docs/confinement.md) instead of changing it: "run, but confined".',
  unconfined:
    'With `confine`: the decision where the command cannot be confined (no bubblewrap, `--confine off`, not a shell command); default `step_up`.',
  overrides:
    "Changes to rules of the default pack (or of a managed policy), by id: `rule`, then `disable: true`, `decision: …` or `when: …` (the rule applies only where it is true too), and a `reason`. Only your own and managed policies may override; a workspace's may not.",
  disable: 'In an override: the rule no longer applies.',
  locked: 'In a managed policy: no user policy may override this rule.',
  secrets:
    "Credentials the egress proxy adds to confined commands' plain requests to their hosts (AARM R9): `env` (the daemon's variable), `hosts`, `header`, `format` (`{secret}`), `https`. Only your own policies may bind them.",
  tool: 'shell, fs, net or mcp.',
  operation: 'shell: exec; fs: read, write, delete; net: request; mcp: call.',
  action: 'The canonical action: `tool`, `operation`, `parameters`, `identity`, `session`, `context`.',
  effects:
    'What the action does: `reads`, `writes`, `deletes`, `hosts`, `urls`, `network`, `programs`, `commands`, `executes`, `risks`, `sensitive`, `unknown`, `signals`, `packages`.',
  session:
    'The session so far: `request`, `hasRequest`, `actions`, `dataClasses`, `untrusted`, `secretInParameters`, `priorActions`, …',
  workspace: 'The action\'s workspace root, or "".',
  home: "The user's home directory.",
};

export const DECISION_DOCS: Record<string, string> = {
  allow: 'The action runs.',
  deny: 'The action does not run; the agent gets the rule and reason.',
  modify: 'The action runs with the parameters `modify.set` gives, if the rewritten action is allowed too.',
  step_up: 'The daemon holds the action and asks a human approver; no answer in time → deny.',
  defer: 'The action waits for context the session lacks (e.g. the original request); none in time → deny.',
};

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
} as const;

export function toDiagnostic(problem: PolicyProblem): Diagnostic {
  return {
    range: {
      start: { line: problem.line - 1, character: problem.column - 1 },
      end: {
        line: (problem.endLine ?? problem.line) - 1,
        character: (problem.endColumn ?? problem.column + 1) - 1,
      },
    },
    severity: SEVERITY[problem.severity],
    source: 'aarm',
    ...(problem.code ? { code: problem.code } : {}),
    message: problem.message,
    ...(problem.fix ? { data: problem.fix } : {}),
  };
}

export function startLanguageServer(
  context: LintContext,
  connection: Connection = createConnection(),
): Connection {
  const documents = new TextDocuments(TextDocument);
  /** the last problems of each open document: hover shows the overrides among them */
  const lastProblems = new Map<string, PolicyProblem[]>();

  const validate = (document: TextDocument) => {
    const source = document.uri.startsWith('file:') ? fileURLToPath(document.uri) : document.uri;
    let problems: PolicyProblem[];
    try {
      problems = lintPolicyText(document.getText(), source, context);
    } catch (error) {
      // Whatever the text, the editor shows a problem rather than stale diagnostics.
      problems = [
        {
          source,
          line: 1,
          column: 1,
          severity: 'error',
          code: 'internal',
          message: `the policy could not be checked: ${(error as Error).message}`,
        },
      ];
    }
    lastProblems.set(document.uri, problems);
    void connection.sendDiagnostics({
      uri: document.uri,
      version: document.version,
      diagnostics: problems.map(toDiagnostic),
    });
  };

  connection.onInitialize(() => ({
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['.', ':', ' '] },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    },
    serverInfo: { name: 'aarm-policy', version: '0.1.0' },
  }));

  documents.onDidChangeContent((change) => validate(change.document));
  documents.onDidClose((event) => {
    lastProblems.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.onHover(({ textDocument, position }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return null;
    const line = document.getText({
      start: { line: position.line, character: 0 },
      end: { line: position.line + 1, character: 0 },
    });
    // An override (on its `rule:`) or an overridden rule (on its id): what changed, and why.
    const here = { line: position.line + 1, column: position.character + 1 };
    const overrides = (lastProblems.get(textDocument.uri) ?? []).filter(
      (p) => (p.code === 'override' || p.code === 'overridden' || p.code === 'approved') && contains(p, here),
    );
    const word = wordAt(line, position.character);
    const doc = word
      ? (ownValue(KEY_DOCS, word) ??
        ownValue(DECISION_DOCS, word) ??
        POLICY_FUNCTIONS.find((f) => f.name === word)?.doc)
      : undefined;
    const parts = [...overrides.map((p) => p.message), ...(doc ? [`**${word}**: ${doc}`] : [])];
    return parts.length > 0 ? { contents: { kind: 'markdown', value: parts.join('\n\n') } } : null;
  });

  connection.onCompletion(({ textDocument, position }): CompletionItem[] => {
    const document = documents.get(textDocument.uri);
    if (!document) return [];
    const before = document.getText({ start: { line: position.line, character: 0 }, end: position });
    const items = (labels: readonly string[], kind: CompletionItemKind, docs: Record<string, string> = {}) =>
      labels.map((label) => ({ label, kind, ...(docs[label] ? { documentation: docs[label] } : {}) }));
    const field = /\b(action|effects|session|action\.context|action\.identity)\.(\w*)$/.exec(before);
    if (field) return items(FIELDS[field[1]!] ?? [], CompletionItemKind.Field);
    if (/\baction\.parameters\.\w*$/.test(before))
      return items([...new Set(Object.values(PARAMETERS).flat())], CompletionItemKind.Field);
    if (/^\s*(-\s*)?decision:\s*\w*$/.test(before) || /\bdecision:\s*\w*$/.test(before))
      return items(DECISIONS, CompletionItemKind.EnumMember, DECISION_DOCS);
    if (/\bdefault:\s*\w*$/.test(before))
      return items(['allow', 'deny', 'step_up', 'defer'], CompletionItemKind.EnumMember, DECISION_DOCS);
    if (/\brisk:\s*\w*$/.test(before)) return items(RISK_LEVELS, CompletionItemKind.EnumMember);
    if (/\btool:\s*\[?[\w,\s]*$/.test(before))
      return items(Object.keys(KNOWN_OPERATIONS), CompletionItemKind.EnumMember);
    if (/\boperation:\s*\[?[\w,\s]*$/.test(before))
      return items([...new Set(Object.values(KNOWN_OPERATIONS).flat())], CompletionItemKind.EnumMember);
    if (/\b(when|details):/.test(before)) {
      return [
        ...items(
          ['action', 'effects', 'session', 'workspace', 'home'],
          CompletionItemKind.Variable,
          KEY_DOCS,
        ),
        ...items(
          POLICY_FUNCTIONS.map((f) => f.name),
          CompletionItemKind.Function,
        ),
      ];
    }
    const indent = /^(\s*)(-\s*)?\w*$/.exec(before);
    if (indent) {
      const keys =
        indent[1]!.length === 0 && !indent[2]
          ? ['aarm', 'name', 'description', 'default', 'rules', 'examples', 'secrets', 'overrides']
          : [
              'id',
              'match',
              'when',
              'decision',
              'reason',
              'details',
              'risk',
              'forbidden',
              'compositional',
              'modify',
              'confine',
              'unconfined',
            ];
      return items(keys, CompletionItemKind.Property, KEY_DOCS);
    }
    return [];
  });

  connection.onCodeAction(({ textDocument, context: actionContext }): CodeAction[] =>
    actionContext.diagnostics.flatMap((diagnostic) => {
      const fix = diagnostic.data as PolicyProblem['fix'] | undefined;
      if (!fix) return [];
      return [
        {
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: true,
          edit: {
            changes: {
              [textDocument.uri]: fix.edits.map((e) => ({
                range: {
                  start: { line: e.line - 1, character: e.column - 1 },
                  end: { line: e.endLine - 1, character: e.endColumn - 1 },
                },
                newText: e.newText,
              })),
            },
          },
        },
      ];
    }),
  );

  documents.listen(connection);
  connection.listen();
  return connection;
}

/** Whether a 1-based position is inside a problem's range (end exclusive). */
function contains(problem: PolicyProblem, at: { line: number; column: number }): boolean {
  const endLine = problem.endLine ?? problem.line;
  const endColumn = problem.endColumn ?? problem.column + 1;
  const after = at.line > problem.line || (at.line === problem.line && at.column >= problem.column);
  const before = at.line < endLine || (at.line === endLine && at.column < endColumn);
  return after && before;
}

function wordAt(line: string, character: number): string | undefined {
  const left = /[\w.]*$/.exec(line.slice(0, character))?.[0] ?? '';
  const right = /^\w*/.exec(line.slice(character))?.[0] ?? '';
  const word = `${left}${right}`;
  return word.split('.').pop() === '' ? undefined : word.includes('.') ? word.split('.').pop() : word;
}
