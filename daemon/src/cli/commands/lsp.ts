/** `aarm lsp` */
import { homedir } from 'node:os';
import { policyLintContext } from '../../state/policy-files.js';
import { parse, showUsage, UsageError, type Command } from '../command.js';

export const lspCli: Command = {
  summary: 'run the policy language server',
  usage: `aarm lsp --stdio

The language server for aarm policy files (language id \`aarm-policy\`: \`.aarm/*.yaml\`, \`*.aarm.yaml\`),
over standard input and output: diagnostics as you type, hover docs, completion and quick fixes.`,
  run(args) {
    const { values } = parse(args, { stdio: { type: 'boolean' } });
    if (values.help) return showUsage(lspCli);
    if (!values.stdio) throw new UsageError('only --stdio is supported');
    const home = homedir();
    // loaded here only: the language server's packages are not needed by any other command
    return import('../../lsp/server.js').then(({ startLanguageServer }) => {
      startLanguageServer(policyLintContext(home));
      return new Promise<number>(() => {}); // runs until the client closes the connection
    });
  },
};
