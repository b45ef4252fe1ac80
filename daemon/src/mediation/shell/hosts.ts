/** Hosts and URLs as policy compares them. Pure. */

/** Lower case, IDN → punycode, IPv4/IPv6 forms canonical (`0x7f.1` → `127.0.0.1`), via the WHATWG URL parser. */
export function normaliseHost(host: string): string {
  const bare = host.replace(/^\[|\]$/g, '');
  try {
    const literal = bare.includes(':') ? `[${bare}]` : bare;
    // A trailing dot names the same host (`metadata.google.internal.`).
    return new URL(`http://${literal}/`).hostname.toLowerCase().replace(/(?<=[a-z0-9-])\.$/, '');
  } catch {
    return `?${host.toLowerCase()}`;
  }
}

/** A URL as a tool would take it; tools such as curl accept `example.com/x` without a scheme. */
export function parseUrlArgument(text: string): URL | undefined {
  const withScheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(text)
    ? text
    : /^[\w.-]+\.[a-zA-Z]{2,}(:\d+)?(\/|$)/.test(text)
      ? `http://${text}`
      : undefined;
  if (withScheme === undefined) return undefined;
  try {
    return new URL(withScheme);
  } catch {
    return undefined;
  }
}

export { hostClass } from '../../protocol/paths.js';
