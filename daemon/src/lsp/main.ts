/**
 * Entry point of the stand-alone language server bundle (`dist/aarm-lsp.js`), which the VS Code
 * extension starts. It holds no native module (the receipt store is not in it), so any Node runs it.
 */
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { effectsFor, prepareForPolicy } from '../pipeline/prepare.js';
import { policyScopeOf } from './scope.js';
import { startLanguageServer } from './server.js';

const home = homedir();
// The bundle sits in `dist/`, the built-in pack beside it in `policies/`.
const scopeOf = policyScopeOf(resolve(__dirname, '..', 'policies'));
startLanguageServer({ home, prepare: prepareForPolicy(home), effectsOf: effectsFor(home), scopeOf });
