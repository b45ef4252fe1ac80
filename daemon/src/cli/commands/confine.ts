/** `aarm confine` */
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { Confinement } from '../../protocol/index.js';
import { err, homeDir, parse, showUsage, UsageError, type Command } from '../command.js';
import { EXIT_NOT_CONFINABLE, startConfined, waitForExit } from '../run-allowed.js';

export const confineCli: Command = {
  summary: 'run a command inside the workspace confinement profile (bubblewrap)',
  usage: `aarm confine [--network none|open|proxy] [--egress SOCKET] [--host HOST]... [--workspace DIR]
             [--write DIR]... -- CMD ARGS...

Runs CMD confined as docs/confinement.md describes: the system read-only, the workspace, the temp
directory and package caches writable, aarm's state, your secrets, the agents' settings and their
sockets hidden, its own PID, IPC and user namespaces, credentials out of its environment, and no
network unless --network open. Nothing is asked of the daemon: confinement only takes rights away.
The Claude Code hook answers an allowed Bash command with it, as the daemon's decision says.

--network none|open|proxy
                      none (default): no network; open: the machine's network; proxy: only through
                      the daemon's egress proxy socket given with --egress (the Claude Code hook
                      wraps a command so when its decision names hosts)
--egress SOCKET       the daemon's egress proxy socket for this command (with --network proxy)
--host HOST           a host the decision allows (informative: the proxy enforces); repeatable
--unset NAME          an environment variable CMD does not get (a secret policy binds to hosts); repeatable
--unpin NAME          .git/config or .gitmodules: writable for this command (git commands that write
                      them); otherwise read-only like the repository's hooks and agent settings
--workspace DIR       the writable workspace (default: the current directory)
--write DIR           another folder CMD may write (its decision's judged writes); repeatable

Exits ${EXIT_NOT_CONFINABLE} without running anything when confinement is not possible here (no bubblewrap, user
namespaces off, a workspace inside a hidden folder); otherwise with CMD's status.`,
  async run(args) {
    const { values, positionals } = parse(args, {
      network: { type: 'string' },
      egress: { type: 'string' },
      host: { type: 'string', multiple: true },
      unpin: { type: 'string', multiple: true },
      unset: { type: 'string', multiple: true },
      workspace: { type: 'string' },
      write: { type: 'string', multiple: true },
    });
    if (values.help) return showUsage(confineCli);
    if (positionals.length === 0) throw new UsageError('no command given: aarm confine -- CMD ARGS...');
    const network = values.network ?? 'none';
    if (network !== 'none' && network !== 'open' && network !== 'proxy')
      throw new UsageError(`--network: \`${network}\` is not none, open or proxy`);
    if ((network === 'proxy') !== (values.egress !== undefined))
      throw new UsageError('--egress SOCKET goes with --network proxy, and only with it');
    const unpinned = (values.unpin ?? []).map((name) => {
      if (name !== '.git/config' && name !== '.gitmodules')
        throw new UsageError(`--unpin: \`${name}\` is not .git/config or .gitmodules`);
      return name;
    });
    const cwd = process.cwd();
    const confinement: Confinement = {
      profile: 'workspace',
      network,
      ...(values.host && values.host.length > 0 ? { hosts: values.host } : {}),
      ...(unpinned.length > 0 ? { unpinned } : {}),
      ...(values.unset && values.unset.length > 0 ? { unsetEnv: values.unset } : {}),
      ...(values.write && values.write.length > 0 ? { writable: values.write.map((d) => resolve(d)) } : {}),
    };
    const where = {
      home: homedir(),
      stateDir: homeDir(),
      workspace: resolve(values.workspace ?? cwd),
      cwd,
      ...(values.egress !== undefined ? { egressSocket: values.egress } : {}),
    };
    const started = startConfined(confinement, where, positionals, process.env);
    if (!started.ok) {
      err(`aarm: not running \`${positionals.join(' ')}\`: ${started.error}`);
      return EXIT_NOT_CONFINABLE;
    }
    const { child } = started;
    const code = (await waitForExit(child)).code;
    started.sweep();
    return code;
  },
};
