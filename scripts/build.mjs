// Bundles the CLI/daemon and the extension with esbuild. Native modules and `vscode` stay external.
import { chmodSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
  // The launchers: Node built-ins only; they load the lean or the full CLI beside them.
  build({
    ...common,
    entryPoints: ['daemon/src/cli/entry.ts'],
    outfile: 'dist/aarm.js',
    banner: { js: '#!/usr/bin/env node' },
  }),
  build({
    ...common,
    entryPoints: ['daemon/src/cli/shell-entry.ts'],
    outfile: 'dist/aarm-shell.js',
    banner: { js: '#!/usr/bin/env node' },
  }),
  build({
    ...common,
    entryPoints: ['daemon/src/cli/full-entry.ts'],
    outfile: 'dist/aarm-full.js',
    external: ['better-sqlite3'],
  }),
  // What runs on every tool call: the client and the hooks, nothing of the engine (issue 20).
  build({
    ...common,
    entryPoints: ['daemon/src/cli/lean-entry.ts'],
    outfile: 'dist/aarm-lean.js',
    external: ['better-sqlite3'],
    // less to parse on every hook process
    minifyWhitespace: true,
    minifySyntax: true,
    metafile: true,
  }).then((result) => writeFileSync('dist/aarm-lean.meta.json', JSON.stringify(result.metafile))),
  build({
    ...common,
    // Telemetry's worker thread (filtering, redaction, formats, collectors' I/O), next to dist/aarm.js.
    entryPoints: ['daemon/src/telemetry/worker.ts'],
    outfile: 'dist/telemetry-worker.js',
  }),

  build({
    ...common,
    // An approver's replay of a draft policy, in its own thread (main/replay-thread.ts).
    entryPoints: ['daemon/src/main/replay-worker.ts'],
    outfile: 'dist/replay-worker.js',
    external: ['better-sqlite3'],
  }),
  build({
    ...common,
    // The SDK for Node agents: `require('aarm/sdk')` → connect, submit, reportOutcome, setRequest.
    entryPoints: ['daemon/src/client/client.ts'],
    outfile: 'dist/sdk.js',
  }),
  build({
    ...common,
    // Started inside the sandbox for a command whose network goes through the egress proxy.
    entryPoints: ['daemon/src/confinement/bridge.ts'],
    outfile: 'dist/aarm-egress-bridge.js',
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
    // (Its client speaks WebSocket over node:net, client/websocket.ts; `ws`'s optional native
    // speed-ups stay external should `ws` ever come back into this bundle.)
    external: ['vscode', 'bufferutil', 'utf-8-validate'],
  }),
]);

// Code caches of the old lean bundle (cli/launch.ts): they no longer fit; the next runs make new ones.
for (const file of readdirSync('dist')) if (file.endsWith('.cache')) rmSync(`dist/${file}`, { force: true });

// The executables must be executable where npm does not link them (a SHELL points straight at one).
for (const file of ['dist/aarm.js', 'dist/aarm-shell.js']) chmodSync(file, 0o755);
