/** Path semantics shared by mediation and policy: containment and globs over absolute paths. Pure. */

/** True when `path` is `dir` or inside it (both absolute, already normalised). */
export function isWithin(path: string, dir: string): boolean {
  if (dir === '' || path === '') return false;
  if (path === dir) return true;
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  return path.startsWith(prefix);
}

export { globMatch, globsOverlap, hasGlob } from './glob.js';

const PRIVATE_V4 = [
  /^10\./,
  /^192\.168\./,
  /^172\.(1[6-9]|2\d|3[01])\./,
  /^169\.254\./,
  /^127\./,
  /^0\./,
  /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./,
];

/** `loopback`, `private` (RFC 1918, link-local, CGNAT), `metadata` (cloud credential services) or `public`. */
export function hostClass(host: string): 'loopback' | 'private' | 'metadata' | 'public' | 'unknown' {
  if (host.startsWith('?') || host === '') return 'unknown';
  if (['169.254.169.254', 'metadata.google.internal', '100.100.100.200', '[fd00:ec2::254]'].includes(host))
    return 'metadata';
  if (host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127\./.test(host))
    return 'loopback';
  if (PRIVATE_V4.some((r) => r.test(host)) || /^\[f[cd]/.test(host) || /^\[fe80:/.test(host))
    return 'private';
  return 'public';
}
