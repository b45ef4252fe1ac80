/**
 * Tool pins: what a client was shown of each tool, kept by hash (and in full) in
 * `$AARM_HOME/mcp-pins/NAME.json`, so that a server that changes a tool later (a "rug pull") or
 * adds one mid-session cannot show the client something nobody accepted.
 *
 * A pin covers the whole tool object: name, title, description, inputSchema, outputSchema,
 * annotations, _meta and whatever a later protocol adds. Tools of the session's first list that
 * have no pin yet are pinned (trust on first use); a changed tool is shown as its pinned version
 * (or withheld when the pin is from before pins kept the tool) and its calls are refused; a tool
 * that appears after the first list is withheld and refused. `--accept-changes` pins what the
 * server shows now.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { MCP_METHOD_TOOLS } from '../protocol/mcp-methods.js';
import { hasControlCharacters, isRecord, printable, type Params } from './mcp-jsonrpc.js';

export interface Pin {
  sha256: string;
  /** the tool as pinned; absent in pins of the first format, which hashed only name, description and inputSchema */
  tool?: Params;
}

export interface PinStore {
  load(): Map<string, Pin>;
  save(pins: Map<string, Pin>): void;
}

const PIN_FORMAT = 2;

/** Pins in a JSON file; an unreadable file is no pins (every tool is new to it). */
export function filePinStore(path: string): PinStore {
  return {
    load() {
      const pins = new Map<string, Pin>();
      let data: unknown;
      try {
        data = JSON.parse(readFileSync(path, 'utf8'));
      } catch {
        return pins;
      }
      if (isRecord(data) && data.format === PIN_FORMAT && isRecord(data.tools)) {
        for (const [name, pin] of Object.entries(data.tools))
          if (isRecord(pin) && typeof pin.sha256 === 'string')
            pins.set(name, {
              sha256: pin.sha256,
              // The pinned version is shown in place of a changed tool: only if it is that tool.
              ...(isRecord(pin.tool) && pin.tool.name === name ? { tool: pin.tool } : {}),
            });
      } else if (isRecord(data)) {
        for (const [name, sha256] of Object.entries(data))
          if (typeof sha256 === 'string') pins.set(name, { sha256 });
      }
      return pins;
    },
    save(pins) {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      const tools = Object.fromEntries(pins);
      const temp = `${path}.${process.pid}.tmp`;
      writeFileSync(temp, `${JSON.stringify({ format: PIN_FORMAT, tools }, null, 2)}\n`, { mode: 0o600 });
      renameSync(temp, path);
    },
  };
}

/** JSON with object keys sorted, so that the same tool always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRecord(value))
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/** sha256 of everything a client is told about a tool. */
export function toolFingerprint(tool: Params): string {
  return createHash('sha256').update(canonical(tool)).digest('hex');
}

/** The first format's hash: name, description and inputSchema only. */
function firstFormatFingerprint(tool: Params): string {
  return createHash('sha256')
    .update(JSON.stringify([tool.name, tool.description ?? '', tool.inputSchema ?? {}]))
    .digest('hex');
}

const RESTART = 'Review it, then restart the proxy with --accept-changes.';

export class ToolPins {
  private readonly pins: Map<string, Pin>;
  /** why a tool's calls are refused, by name */
  private readonly refused = new Map<string, string>();
  private listings = 0;
  private firstListDone = false;

  constructor(
    private readonly store: PinStore,
    private readonly serverName: string,
    private readonly acceptChanges: boolean,
    private readonly log: (line: string) => void,
  ) {
    this.pins = store.load();
  }

  /** Why a call of this tool is refused, or undefined when its pin holds. */
  refusal(name: string): string | undefined {
    return this.refused.get(name);
  }

  /**
   * One page of a tools/list result → the tools the client may see. `continues`: the request
   * named a cursor (a later page of the same listing); `last`: the result names no next cursor.
   */
  review(tools: unknown[], page: { continues: boolean; last: boolean }): Params[] {
    // The first listing is the first request without a cursor and the pages that follow it.
    if (!page.continues && this.listings++ > 0) this.firstListDone = true;
    const shown: Params[] = [];
    const seen = new Set<string>();
    let dirty = false;
    const server = printable(this.serverName);
    for (const tool of tools) {
      const name =
        isRecord(tool) && typeof tool.name === 'string' && tool.name !== '' ? tool.name : undefined;
      if (name === undefined) {
        this.log(`aarm: MCP server \`${server}\` listed a tool without a name; it was withheld`);
        continue;
      }
      const shownName = printable(name);
      const withhold = (why: string) => {
        this.refused.set(name, `aarm refused \`${shownName}\`: ${why}`);
        this.log(
          `aarm: MCP server \`${server}\`: tool \`${shownName}\` was withheld from the client: ${why}`,
        );
      };
      if (seen.has(name)) {
        this.log(
          `aarm: MCP server \`${server}\` listed tool \`${shownName}\` twice; only the first is shown`,
        );
        continue;
      }
      seen.add(name);
      const record = tool as Params;
      if (MCP_METHOD_TOOLS.includes(name)) {
        withhold('its name is that of an MCP method, which policy rules about that method would also match');
        continue;
      }
      if (hasControlCharacters(record)) {
        withhold('it holds terminal control characters or bidirectional overrides, which can hide text');
        continue;
      }
      const fingerprint = toolFingerprint(record);
      const pin = this.pins.get(name);
      const holds =
        pin !== undefined &&
        (pin.sha256 === fingerprint ||
          (pin.tool === undefined && pin.sha256 === firstFormatFingerprint(record)));
      if (holds || this.acceptChanges || (pin === undefined && !this.firstListDone)) {
        if (!holds && pin !== undefined)
          this.log(
            `aarm: MCP server \`${server}\`: accepted the changed tool \`${shownName}\` (--accept-changes)`,
          );
        else if (!holds && this.firstListDone)
          this.log(
            `aarm: MCP server \`${server}\`: accepted the new tool \`${shownName}\` (--accept-changes)`,
          );
        // A first-format pin that holds is upgraded to one that covers the whole tool.
        if (pin?.sha256 !== fingerprint || pin.tool === undefined) {
          this.pins.set(name, { sha256: fingerprint, tool: record });
          dirty = true;
        }
        this.refused.delete(name);
        shown.push(record);
      } else if (pin === undefined) {
        withhold(`the server added this tool after its first tool list, so nobody accepted it. ${RESTART}`);
      } else {
        const instead = pin.tool
          ? 'the client was shown the pinned version instead'
          : 'it was withheld from the client';
        this.refused.set(
          name,
          `aarm refused \`${shownName}\`: the server changed this tool (its description, schema, annotations or metadata) since it was pinned, a possible rug pull; ${instead}. ${RESTART}`,
        );
        this.log(
          `aarm: MCP server \`${server}\` changed tool \`${shownName}\` since it was pinned; ${instead}, and calls to it are refused`,
        );
        if (pin.tool) shown.push(pin.tool);
      }
    }
    if (page.last) this.firstListDone = true;
    if (dirty) {
      try {
        this.store.save(this.pins);
      } catch (error) {
        this.log(`aarm: cannot save the MCP tool pins: ${(error as Error).message}`);
      }
    }
    return shown;
  }
}
