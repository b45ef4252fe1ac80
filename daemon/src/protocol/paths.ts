/** Path semantics shared by mediation and policy: containment and globs over absolute paths. Pure. */

/** True when `path` is `dir` or inside it (both absolute, already normalised). */
export function isWithin(path: string, dir: string): boolean {
  if (dir === '' || path === '') return false;
  if (path === dir) return true;
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  return path.startsWith(prefix);
}

export { globMatch, globNames, globsOverlap, hasGlob } from './glob.js';

const PRIVATE_V4 = [
  /^10\./,
  /^192\.168\./,
  /^172\.(1[6-9]|2\d|3[01])\./,
  /^169\.254\./,
  /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./,
  /^192\.0\.0\./,
  /^198\.1[89]\./,
];

/** Addresses and names of cloud metadata services, which hand out the machine's credentials. */
const METADATA_V4 = new Set([
  '169.254.169.254', // AWS, Azure, GCP, DigitalOcean, OpenStack …
  '169.254.170.2', // AWS ECS task metadata
  '169.254.170.23', // AWS EKS pod identity
  '100.100.100.200', // Alibaba Cloud
  '192.0.0.192', // Oracle Cloud
  '169.254.0.23', // Tencent Cloud
]);
const METADATA_NAMES = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.tencentyun.com',
  'metadata.platformequinix.com',
  'metadata.packet.net',
]);

/** The IPv4 address inside an IPv6 one: mapped (::ffff:a.b.c.d), compatible, NAT64 (64:ff9b::), 6to4 (2002::). */
export function embeddedIPv4(host: string): string | undefined {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (!bare.includes(':')) return undefined;
  const groups = expandIPv6(bare);
  if (groups === undefined) return undefined;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zero = (from: number, to: number) => groups.slice(from, to).every((g) => g === 0);
  if (zero(0, 5) && (groups[5] === 0xffff || groups[5] === 0) && !(groups[5] === 0 && groups[6] === 0))
    return v4(groups[6]!, groups[7]!);
  if (zero(0, 4) && groups[4] === 0xffff && groups[5] === 0) return v4(groups[6]!, groups[7]!); // SIIT
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zero(2, 6)) return v4(groups[6]!, groups[7]!);
  if (groups[0] === 0x2002) return v4(groups[1]!, groups[2]!);
  return undefined;
}

function expandIPv6(text: string): number[] | undefined {
  const [head, tail, extra] = text.split('::');
  if (extra !== undefined) return undefined;
  const parse = (part: string | undefined) => (part ? part.split(':') : []);
  const toGroups = (parts: string[]): number[] | undefined => {
    const out: number[] = [];
    for (const p of parts) {
      if (p.includes('.')) {
        const octets = p.split('.').map(Number);
        if (octets.length !== 4 || octets.some((o) => !(o >= 0 && o <= 255))) return undefined;
        out.push((octets[0]! << 8) | octets[1]!, (octets[2]! << 8) | octets[3]!);
      } else {
        if (!/^[0-9a-f]{1,4}$/.test(p)) return undefined;
        out.push(parseInt(p, 16));
      }
    }
    return out;
  };
  const h = toGroups(parse(head));
  const t = toGroups(parse(tail));
  if (h === undefined || t === undefined) return undefined;
  if (tail === undefined) return h.length === 8 ? h : undefined;
  const fill = 8 - h.length - t.length;
  return fill < 0 ? undefined : [...h, ...new Array<number>(fill).fill(0), ...t];
}

/** `loopback`, `private` (RFC 1918, link-local, CGNAT), `metadata` (cloud credential services) or `public`. */
export function hostClass(host: string): 'loopback' | 'private' | 'metadata' | 'public' | 'unknown' {
  if (host.startsWith('?') || host === '') return 'unknown';
  const name = host.toLowerCase().replace(/\.$/, '');
  const v4 = embeddedIPv4(name) ?? name;
  if (METADATA_V4.has(v4) || METADATA_NAMES.has(name) || name === '[fd00:ec2::254]') return 'metadata';
  const quad = /^\d{1,3}(\.\d{1,3}){3}$/.test(v4); // `127.0.0.1.evil.com` is a name, not an address
  if (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === '[::1]' ||
    name === '::1' ||
    (quad && /^(127|0)\./.test(v4)) ||
    name === '[::]'
  )
    return 'loopback';
  if (
    PRIVATE_V4.some((r) => r.test(v4)) ||
    /^\[?f[cd]/.test(name) ||
    /^\[?fe[89ab]/.test(name) ||
    name.endsWith('.local') ||
    name.endsWith('.internal') ||
    name.endsWith('.lan') ||
    name.endsWith('.home.arpa')
  )
    return 'private';
  return 'public';
}
