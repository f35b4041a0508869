// The console host's identity for the dashboard.
import fs from 'node:fs';
import os from 'node:os';
import type { HostInfoDto } from '../contract/index';

export function readHostInfo(osReleasePath = '/etc/os-release'): HostInfoDto {
  return { hostname: os.hostname(), os: prettyOsName(osReleasePath), kernel: os.release(), arch: os.arch() };
}

function prettyOsName(file: string): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    const m = /^PRETTY_NAME=(?:"([^"]*)"|(.*))$/m.exec(text);
    if (m) return (m[1] ?? m[2]).trim();
  } catch {
    // no os-release: fall through to the kernel's own name
  }
  return `${os.type()} ${os.release()}`;
}
