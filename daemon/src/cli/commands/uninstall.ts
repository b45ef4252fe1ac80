/** `aarm uninstall` */
import { installOptions, parse, showUsage, UsageError, type Command } from '../command.js';
import { uninstallHooks } from '../install.js';
import { uninstallService } from '../service.js';

export const uninstallCli: Command = {
  summary: "take aarm's hook out of an agent's settings, or the service out of the login",
  usage: `aarm uninstall claude-code | codex | cline | gemini-cli | vscode [--project]
aarm uninstall service

Removes aarm's hooks from the files \`aarm install\` writes (with --project, the project's), and for
Codex the trust entries it recorded. Other hooks stay as they were; a settings file or folder that
\`aarm install\` created goes again when nothing else is in it. service: stops and removes the
systemd unit or launchd agent. The copy of aarm kept in ~/.local/share/aarm goes once no agent or
service starts it. Prints what it changed.`,
  run(args) {
    const { values, positionals } = parse(args, { project: { type: 'boolean' } });
    if (values.help) return showUsage(uninstallCli);
    if (positionals.length !== 1)
      throw new UsageError('aarm uninstall claude-code | codex | cline | gemini-cli | vscode | service');
    if (positionals[0] === 'service')
      return uninstallService({ ...installOptions(false), platform: process.platform });
    return uninstallHooks(positionals[0]!, installOptions(values.project ?? false));
  },
};
