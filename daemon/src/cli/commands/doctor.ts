/** `aarm doctor` */
import { homeDir, installOptions, parse, showUsage, type Command } from '../command.js';
import { runDoctor } from '../doctor.js';

export const doctorCli: Command = {
  summary: 'check that each agent on this machine really sends its tool calls to aarm',
  usage: `aarm doctor [--json]

For each agent found (on PATH or by its settings): is the hook installed, does its command point at
files that exist, does the agent trust it (Codex asks itself), and does a dry call through the hook's
own command line get an answer from the daemon. Also: is the daemon running and does it accept the
agent token. Each problem comes with the command that fixes it. Exit 0 when nothing is wrong.
The dry call is judged like any action and leaves one receipt (session aarm-doctor-…).`,
  run(args) {
    const { values } = parse(args, { json: { type: 'boolean' } });
    if (values.help) return showUsage(doctorCli);
    return runDoctor({ ...installOptions(false), homeDir: homeDir(), json: values.json ?? false });
  },
};
