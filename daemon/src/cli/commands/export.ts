/** `aarm export` */
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { DAEMON_VERSION } from '../../protocol/index.js';
import { OCSF_VERSION } from '../../receipts/ocsf.js';
import { aarmHome, loadOrCreateKeys } from '../../state/home.js';
import { FilterSchema, loadTelemetryConfig } from '../../telemetry/config.js';
import { err, homeDir, out, parse, showUsage, UsageError, type Command } from '../command.js';
import { EVENT_FORMATS, exportEvents, exportReceipts, type EventFormat } from '../export.js';

export const exportCli: Command = {
  summary: 'export receipts as a signed bundle, or as OCSF, OTLP or CEF events',
  usage: `aarm export (--session ID | --all) [--format bundle|ocsf|otlp|cef] [filters] --out FILE

Writes the receipts of one session, or all of them, from $AARM_HOME's database to FILE. Works
while the daemon runs.

--format bundle   (the default; \`jsonl\` is the same) a signed header line (scope, count, hash
                  of the last record, public keys) and one signed record per line. Check the file
                  with \`aarm verify FILE\`.
--format ocsf     for a SIEM: a JSON array of OCSF ${OCSF_VERSION} events, one per receipt and
                  one per line, in chain order (mapping: docs/telemetry.md).
--format otlp     OpenTelemetry logs: one OTLP/JSON ExportLogsServiceRequest per line (the
                  Collector's otlpjsonfile receiver reads it; each line can be POSTed to /v1/logs).
--format cef      one CEF record per line.
The event formats are redacted as live telemetry is (secret-shaped values and the \`redact\`
fields of $AARM_HOME/telemetry.json become digests), end with a signed checkpoint of the
chain's head, and are not signed as files: each event carries its receipt's id, hash and
signature. Filters (comma-separated lists, as in telemetry.json):
--events decision,approval,deferral,outcome,checkpoint
--decisions allow,deny,modify,step_up,defer     --actions shell,fs write,net,mcp
--identities USER|GIT-EMAIL|AGENT-NAME|SERVICE`,
  async run(args) {
    const { values } = parse(args, {
      session: { type: 'string' },
      all: { type: 'boolean' },
      format: { type: 'string' },
      out: { type: 'string', short: 'o' },
      events: { type: 'string' },
      decisions: { type: 'string' },
      actions: { type: 'string' },
      identities: { type: 'string' },
    });
    if (values.help) return showUsage(exportCli);
    if ((values.session === undefined) === (values.all !== true))
      throw new UsageError('give exactly one of --session ID or --all');
    if (values.out === undefined) throw new UsageError('--out FILE is required');
    const format = values.format === undefined || values.format === 'jsonl' ? 'bundle' : values.format;
    if (format !== 'bundle' && !(EVENT_FORMATS as readonly string[]).includes(format))
      throw new UsageError(
        `--format: \`${values.format}\` is not supported (supported: bundle, ${EVENT_FORMATS.join(', ')})`,
      );
    const list = (text: string | undefined) => text?.split(',').map((item) => item.trim());
    const filterInput = {
      events: list(values.events),
      decisions: list(values.decisions),
      actions: list(values.actions),
      identities: list(values.identities),
    };
    const filter = FilterSchema.safeParse(
      Object.fromEntries(Object.entries(filterInput).filter(([, v]) => v !== undefined)),
    );
    if (!filter.success)
      throw new UsageError(
        filter.error.issues.map((i) => `--${i.path.map(String).join('.')}: ${i.message}`).join('; '),
      );
    if (format === 'bundle' && Object.keys(filter.data).length > 0)
      throw new UsageError('a bundle holds the whole chain; filters apply to --format ocsf, otlp and cef');
    const state = aarmHome(homeDir());
    if (!existsSync(state.database)) {
      err(`aarm: no receipts yet: \`${state.database}\` does not exist`);
      return 1;
    }
    const scope = values.all ? { all: true as const } : { session: values.session! };
    const signingKey = loadOrCreateKeys(state).at(-1)!;
    let count: number;
    if (format === 'bundle') count = exportReceipts(state.database, scope, signingKey, values.out).count;
    else {
      const telemetry = loadTelemetryConfig(state.telemetryFile);
      if (!telemetry.ok) {
        err(`aarm: ${telemetry.error}`);
        return 1;
      }
      count = (
        await exportEvents(
          state.database,
          scope,
          format as EventFormat,
          {
            origin: { version: DAEMON_VERSION, hostname: hostname(), pid: process.pid },
            signingKey,
            filter: filter.data,
            redact: telemetry.config?.redact ?? [],
          },
          values.out,
        )
      ).count;
    }
    const what = format === 'bundle' ? 'bundle' : `${format} file`;
    if (count === 0 && values.session !== undefined) {
      err(`aarm: session \`${values.session}\` has no receipts; wrote an empty ${what} to ${values.out}`);
      return 1;
    }
    out(
      `exported ${count} receipt(s) ${format === 'bundle' ? '' : `as ${format} events, and a signed checkpoint, `}to ${values.out}`,
    );
    return 0;
  },
};
