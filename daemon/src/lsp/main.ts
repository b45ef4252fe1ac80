/**
 * Entry point of the stand-alone language server bundle (`dist/aarm-lsp.js`), which the VS Code
 * extension starts. It holds no native module (the receipt store is not in it), so any Node runs it.
 */
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { aarmHome, resolveHomeDir } from '../protocol/state-layout.js';
import { managedPolicyDir, policyLintContext } from '../state/policy-files.js';
import { startLanguageServer } from './server.js';

// The bundle sits in `dist/`, the built-in pack beside it in `policies/`.
startLanguageServer(
  policyLintContext(homedir(), {
    packDir: resolve(__dirname, '..', 'policies'),
    managedDir: managedPolicyDir(),
    userDir: aarmHome(resolveHomeDir()).policiesDir,
  }),
);
