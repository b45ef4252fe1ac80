/** The `aarm` executable (dist/aarm.js): a launcher, see launch.ts. */
import { launch } from './launch.js';

launch(process.argv.slice(2));
