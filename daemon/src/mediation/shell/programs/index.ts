/**
 * Every program model, one file per family. To add a program, add its model to the file of its
 * family (or a new family file listed here); its examples run in `npm test`
 * (test/unit/program-models.test.ts). See docs/shell-analysis.md.
 */
import { compileCommand, type CompiledCommand, type ProgramSpec } from '../model.js';
import archivers from './archivers.js';
import build from './build.js';
import containers from './containers.js';
import coreutils from './coreutils.js';
import databases from './databases.js';
import debuggers from './debuggers.js';
import devtools from './devtools.js';
import editors from './editors.js';
import interpreters from './interpreters.js';
import media from './media.js';
import network from './network.js';
import packages from './packages.js';
import processes from './processes.js';
import system from './system.js';
import text from './text.js';
import vcs from './vcs.js';
import wrappers from './wrappers.js';

export const FAMILIES: Record<string, ProgramSpec[]> = {
  archivers,
  build,
  containers,
  coreutils,
  databases,
  debuggers,
  devtools,
  editors,
  interpreters,
  media,
  network,
  packages,
  processes,
  system,
  text,
  vcs,
  wrappers,
};

const specs = new Map<string, ProgramSpec>();
const families = new Map<string, string>();
for (const [family, list] of Object.entries(FAMILIES)) {
  for (const spec of list) {
    for (const name of spec.names) {
      if (specs.has(name))
        throw new Error(`program \`${name}\` is modelled twice (in ${families.get(name)} and ${family})`);
      specs.set(name, spec);
      families.set(name, family);
    }
  }
}
const compiled = new Map<string, CompiledCommand>();

/** The model of a program, by name: `python3.12` and `gcc-12` find their family's model too. */
export function lookupProgram(name: string): CompiledCommand | undefined {
  const spec = specOf(name);
  if (spec === undefined) return undefined;
  let model = compiled.get(spec.names[0]!);
  if (model === undefined) {
    model = compileCommand(spec);
    compiled.set(spec.names[0]!, model);
  }
  return model;
}

function specOf(name: string): ProgramSpec | undefined {
  if (specs.has(name)) return specs.get(name);
  const unversioned = name.replace(/(-|\.)?[\d.]+$/, '');
  if (unversioned !== name && unversioned !== '' && specs.has(unversioned)) return specs.get(unversioned);
  return undefined;
}

/**
 * Compile every model now (~50 ms) rather than at each program's first use: the daemon calls this
 * once it listens, so that no agent's first `docker` or `cargo` waits for it.
 */
export function precompilePrograms(): void {
  for (const name of specs.keys()) lookupProgram(name);
}

/** The family a program's model is in (`build`, `packages` …), or undefined. */
export function familyOf(name: string): string | undefined {
  const spec = specOf(name);
  return spec === undefined ? undefined : families.get(spec.names[0]!);
}

export function isKnownProgram(name: string): boolean {
  return specOf(name) !== undefined;
}

/** Every model with its family, for the test suite and the docs. */
export function allModels(): Array<{ family: string; spec: ProgramSpec }> {
  return Object.entries(FAMILIES).flatMap(([family, list]) => list.map((spec) => ({ family, spec })));
}
