/** The `aarm-shell` executable: `aarm shell` under a name an agent can use as its SHELL. */
import { main } from './main.js';

void main(['shell', ...process.argv.slice(2)]).then((code) => {
  process.exitCode = code;
});
