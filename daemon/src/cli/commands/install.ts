/** `aarm install` */
import { HOOK_TIMEOUT_S } from '../agents.js';
import { hookSeconds, installOptions, parse, showUsage, UsageError, type Command } from '../command.js';
import { installHooks } from '../install.js';
import { installService } from '../service.js';

export const installCli: Command = {
  summary:
    'make an agent send its tool calls to aarm (claude-code, codex, cline, gemini-cli, vscode); run the daemon at login (service)',
  usage: `aarm install claude-code | codex | cline | gemini-cli | vscode [--project] [--timeout S]
aarm install service

claude-code: adds PreToolUse, PostToolUse, PostToolUseFailure and UserPromptSubmit command hooks to
~/.claude/settings.json (--project: ./.claude/settings.json).
codex: adds PreToolUse and UserPromptSubmit hooks to $CODEX_HOME/hooks.json (default ~/.codex;
--project: ./.codex/hooks.json) and records in $CODEX_HOME/config.toml that Codex may run them (Codex
silently skips hooks it does not trust); when codex is on PATH, asks Codex to confirm.
cline: executable .clinerules/hooks/PreToolUse and .clinerules/hooks/UserPromptSubmit in this project.
gemini-cli: adds BeforeTool, AfterTool and BeforeAgent (its UserPromptSubmit) hooks to
~/.gemini/settings.json (--project: ./.gemini/settings.json). Gemini CLI runs no hook in a folder it
does not trust (\`aarm doctor\` says whether it trusts the current one).
vscode: writes VS Code's agent hooks (PreToolUse, PostToolUse, UserPromptSubmit) to
~/.copilot/hooks/aarm.json (--project: ./.github/hooks/aarm.json).
UserPromptSubmit hands aarm the user's prompt as the session's request; it never blocks a prompt.
--timeout S: the agent's timeout for the hook (default ${HOOK_TIMEOUT_S}); the hook blocks the call
before it runs out, since an agent runs a call whose hook timed out.
service: the daemon started at login and restarted when it fails: a systemd user unit
(~/.config/systemd/user/aarm.service, enabled and started when \`systemctl --user\` works) or, on
macOS, a launchd agent (~/Library/LaunchAgents/aarm.daemon.plist).
Hooks and the service start this aarm by absolute path; when it runs from a throw-away place (npx's
cache, a temporary folder) they start a copy in ~/.local/share/aarm instead, and it says so.
Prints what it changed; running it again changes nothing. Check the result with \`aarm doctor\`.`,
  run(args) {
    const { values, positionals } = parse(args, {
      project: { type: 'boolean' },
      timeout: { type: 'string' },
    });
    if (values.help) return showUsage(installCli);
    if (positionals.length !== 1)
      throw new UsageError('aarm install claude-code | codex | cline | gemini-cli | vscode | service');
    if (positionals[0] === 'service') {
      if (values.project || values.timeout !== undefined)
        throw new UsageError('aarm install service takes no --project or --timeout');
      return installService({ ...installOptions(false), platform: process.platform });
    }
    return installHooks(positionals[0]!, {
      ...installOptions(values.project ?? false),
      ...(values.timeout === undefined ? {} : { timeoutS: hookSeconds('--timeout', values.timeout) }),
    });
  },
};
