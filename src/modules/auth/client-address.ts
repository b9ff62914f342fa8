import ipaddr from 'ipaddr.js';

/**
 * What the per-address limit counts against: an IPv4 address (also when written IPv4-mapped, ::ffff:a.b.c.d),
 * or the /64 network of an IPv6 address — one subscriber is given a whole /64, so counting single IPv6
 * addresses would let one attacker step around the limit.
 */
export function addressKeyOf(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip.slice(0, 200) || 'unknown';
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') return address.toString();
  const parts = (address as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${parts.join(':')}::/64`;
}
