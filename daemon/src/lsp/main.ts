/**
 * Entry point of the stand-alone language server bundle (`dist/aarm-lsp.js`), which the VS Code
 * extension starts. It holds no native module (the receipt store is not in it), so any Node runs it.
 */
import { homedir } from 'node:os';
import { deriveEffects } from '../mediation/effects.js';
import { normalizeAction } from '../mediation/normalize.js';
import { parseAction } from '../protocol/index.js';
import { startLanguageServer } from './server.js';

const home = homedir();
startLanguageServer({
  home,
  prepare: (raw) => {
    const parsed = parseAction(raw);
    return parsed.ok ? normalizeAction(parsed.value, { home }) : parsed;
  },
  effectsOf: (action) => deriveEffects(action, { home }),
});
