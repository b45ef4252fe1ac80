/** The `aarm-shell` executable: `aarm shell` under a name an agent can use as its SHELL (launch.ts). */
import { launch } from './launch.js';

launch(['shell', ...process.argv.slice(2)]);
