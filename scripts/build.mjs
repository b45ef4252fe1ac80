// Bundles the CLI/daemon and the extension with esbuild. Native modules and `vscode` stay external.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['daemon/src/cli/main.ts'],
    outfile: 'dist/aarm.js',
    external: ['better-sqlite3'],
    banner: { js: '#!/usr/bin/env node' },
  }),
  build({
    ...common,
    entryPoints: ['daemon/src/lsp/main.ts'],
    outfile: 'dist/aarm-lsp.js',
  }),
  build({
    ...common,
    entryPoints: ['extension/src/extension.ts'],
    outfile: 'dist/extension.js',
    // INVARIANT: the extension host runs Electron's Node; no native module may be bundled or loaded.
    external: ['vscode'],
  }),
]);
