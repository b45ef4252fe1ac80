/**
 * `dist/aarm.js` and `dist/aarm-shell.js`: pick the bundle a command needs before loading any.
 * The hooks, `aarm shell` and friends run on every tool call, so they load the lean client
 * (dist/aarm-lean.js); the rest loads the full CLI (dist/aarm-full.js). Node built-ins only here.
 */
import { join } from 'node:path';

const LEAN = new Set(['hook', 'shell', 'exec', 'confine', 'status', 'mcp-proxy']);

export function launch(argv: string[]): void {
  const lean = argv[0] !== undefined && LEAN.has(argv[0]) && !argv.includes('--help') && !argv.includes('-h');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cli = require(join(__dirname, lean ? 'aarm-lean.js' : 'aarm-full.js')) as {
    run(argv: string[]): Promise<number>;
  };
  void cli.run(argv).then((code) => {
    process.exitCode = code;
  });
}
