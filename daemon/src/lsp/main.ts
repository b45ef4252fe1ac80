/**
 * Entry point of the stand-alone language server bundle (`dist/aarm-lsp.js`), which the VS Code
 * extension starts. It holds no native module (the receipt store is not in it), so any Node runs it.
 */
import { homedir } from 'node:os';
import { effectsFor, prepareForPolicy } from '../pipeline/prepare.js';
import { startLanguageServer } from './server.js';

const home = homedir();
startLanguageServer({ home, prepare: prepareForPolicy(home), effectsOf: effectsFor(home) });
