/**
 * Secrets the agent never holds (AARM R9): the user's policy binds a credential to the hosts it is
 * for; the daemon's egress proxy adds it to a confined command's requests to those hosts, and the
 * command never sees it.
 */
export interface SecretBinding {
  /** the daemon's environment variable that holds it (its value never leaves the daemon) */
  name: string;
  /** lower case `host` or `host:port` */
  hosts: readonly string[];
  /** the header it goes in (default `Authorization`) */
  header: string;
  /** the header's value with `{secret}` replaced (default `Bearer {secret}`) */
  format: string;
  /** plain requests to these hosts are sent on over https, so the secret can be added and is not sent in the clear */
  https: boolean;
}

/** The host of a `host` or `host:port` grant entry. */
export const hostOfEndpoint = (endpoint: string): string => endpoint.replace(/:\d+$/, '');

/** What the daemon's egress proxy does for one allowed command. */
export interface EgressGrant {
  receiptId: string;
  session: string;
  /** `host` or `host:port`, lower case, as the decision says */
  hosts: readonly string[];
  secrets: readonly SecretBinding[];
}
