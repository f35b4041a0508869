// Pure matching of one observation against a model's lists.
import { MODEL_DEFAULTS } from './model-defaults';
import type { ContainerModel, ModelEndpoint, ModelProcess } from './models';

/** Pseudo file systems and runtime plumbing: writes there say nothing about the image's behaviour. */
export function ignoredWrite(path: string): boolean {
  return (
    !path.startsWith('/') ||
    MODEL_DEFAULTS.ignoredWritePaths.includes(path) ||
    MODEL_DEFAULTS.ignoredWritePrefixes.some((p) => path.startsWith(p))
  );
}

export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export function processKnown(model: ContainerModel, p: ModelProcess): boolean {
  return model.processes.some((m) => m.name === p.name);
}

export function fileKnown(model: ContainerModel, path: string): boolean {
  const dir = dirOf(path);
  return model.fileDirs.some(
    (d) => d === dir || (d.endsWith('/**') && (dir + '/').startsWith(d.slice(0, -2))),
  );
}

function ipv4ToInt(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

/** Whether `ip` falls in `addrOrCidr` (IPv4 CIDR, or exact match for anything else). */
export function addrMatches(addrOrCidr: string, ip: string): boolean {
  const slash = addrOrCidr.indexOf('/');
  if (slash < 0) return addrOrCidr === ip;
  const net = ipv4ToInt(addrOrCidr.slice(0, slash));
  const bits = Number(addrOrCidr.slice(slash + 1));
  const host = ipv4ToInt(ip);
  if (net === undefined || host === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32)
    return false;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (net & mask) >>> 0 === (host & mask) >>> 0;
}

export function outboundKnown(model: ContainerModel, e: ModelEndpoint): boolean {
  return model.outbound.some((o) => (o.port === 0 || o.port === e.port) && addrMatches(o.addr, e.addr));
}

export function dnsKnown(model: ContainerModel, name: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  return model.dns.some((d) => d === n || (d.startsWith('*.') && n.endsWith(d.slice(1))));
}
