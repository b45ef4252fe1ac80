/** `aarm hook` */
import { HOOK_TIMEOUT_S, runHook } from '../agents.js';
import { homeDir, hookSeconds, parse, showUsage, UsageError, type Command } from '../command.js';

export const hookCli: Command = {
  summary: "judge an agent's tool call from its hook (claude-code, codex, cline, gemini-cli, vscode)",
  usage: `aarm hook claude-code | codex | cline | gemini-cli | vscode [--timeout S]

Run by the agent for every tool call, with the hook's JSON on stdin (install it with \`aarm install\`).
claude-code: PreToolUse → {"hookSpecificOutput":{"permissionDecision":"allow|deny|ask",…}} (MODIFY →
updatedInput; with no approver connected a step-up becomes "ask", Claude Code's own prompt);
PostToolUse/PostToolUseFailure → the outcome goes into the receipt.
codex: PreToolUse → a deny, a MODIFY as allow + updatedInput, or nothing (Codex's own rules then
apply); \`aarm install codex\` adds no PostToolUse hook (Codex reports no exit status), so Codex
outcomes are not recorded.
cline: PreToolUse → {"cancel": …, "errorMessage": …}.
gemini-cli: BeforeTool → {"decision":"allow|deny","reason":…} (MODIFY → hookSpecificOutput.tool_input);
AfterTool → the outcome goes into the receipt (found by the call's tool and input: Gemini CLI names
no tool call); BeforeAgent is its UserPromptSubmit.
vscode: PreToolUse → {"hookSpecificOutput":{"permissionDecision":"allow|deny",…}} (MODIFY →
updatedInput). For these two a step-up with no approver connected is denied (neither says whether
its user is there to confirm).
UserPromptSubmit (all): the prompt becomes the session's request (the first stays, later ones
are recorded beside it); never blocks the prompt: exit 0, and when it could not be recorded a
systemMessage (Cline: {"cancel": false}) and stderr say so.
--timeout S: the agent's hook timeout (default ${HOOK_TIMEOUT_S}); the hook answers well before it.
Whenever it cannot answer a tool call — daemon down or hung, bad input, no answer in time — the
call is blocked (exit 2, the reason on stderr).`,
  async run(args) {
    const { values, positionals } = parse(args, { timeout: { type: 'string' } });
    if (values.help) return showUsage(hookCli);
    if (positionals.length !== 1)
      throw new UsageError('aarm hook claude-code | codex | cline | gemini-cli | vscode');
    return runHook(
      positionals[0]!,
      homeDir(),
      values.timeout === undefined ? HOOK_TIMEOUT_S : hookSeconds('--timeout', values.timeout),
    );
  },
};
