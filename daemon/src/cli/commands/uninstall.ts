/** `aarm uninstall` */
import { installOptions, parse, showUsage, UsageError, type Command } from '../command.js';
import { uninstallHooks } from '../install.js';

export const uninstallCli: Command = {
  summary: "take aarm's hook out of an agent's settings",
  usage: `aarm uninstall claude-code | codex | cline [--project]

Removes aarm's hooks from the files \`aarm install\` writes (with --project, the project's), and for
Codex the trust entries it recorded. Other hooks stay as they were. Prints what it changed.`,
  run(args) {
    const { values, positionals } = parse(args, { project: { type: 'boolean' } });
    if (values.help) return showUsage(uninstallCli);
    if (positionals.length !== 1) throw new UsageError('aarm uninstall claude-code | codex | cline');
    return uninstallHooks(positionals[0]!, installOptions(values.project ?? false));
  },
};
