// pnpm-lock.yaml: only the keys of the top-level `packages:` map are needed. Key shapes by version:
//   v5:  /name/1.2.3  /@scope/name/1.2.3_peer@1.0.0
//   v6:  /name@1.2.3  /@scope/name@1.2.3(peer@1.0.0)
//   v9:  name@1.2.3   '@scope/name@1.2.3'   (peer suffixes live under `snapshots:`)
import type { LangRecord } from './lang-record';
import { uniqueRecords } from './lang-record';

export function parsePnpmLock(text: string, source: string): LangRecord[] {
  const lines = text.split(/\r?\n/);
  const header = lines.find((l) => l.startsWith('lockfileVersion:'));
  if (header === undefined) throw new Error(`${source}: no lockfileVersion, not a pnpm lockfile`);
  const version = header
    .slice('lockfileVersion:'.length)
    .trim()
    .replace(/^['"]|['"]$/g, '');
  const slashKeys = Number.parseFloat(version) < 6;
  const out: LangRecord[] = [];
  let inPackages = false;
  for (const line of lines) {
    if (!/^\s/.test(line) && line.length > 0) {
      inPackages = line.trimEnd() === 'packages:';
      continue;
    }
    if (!inPackages) continue;
    const key = /^ {2}(\S.*):\s*$/.exec(line);
    if (key === null) continue;
    const rec = slashKeys ? parseV5Key(unquote(key[1])) : parseAtKey(unquote(key[1]));
    if (rec !== undefined) out.push(rec);
  }
  return uniqueRecords(out);
}

function parseV5Key(key: string): LangRecord | undefined {
  if (!key.startsWith('/')) return undefined;
  const slash = key.lastIndexOf('/');
  const name = key.slice(1, slash);
  const version = key.slice(slash + 1).split('_')[0];
  return accept(name, version);
}

function parseAtKey(key: string): LangRecord | undefined {
  const bare = key.startsWith('/') ? key.slice(1) : key;
  const paren = bare.indexOf('(');
  const spec = paren < 0 ? bare : bare.slice(0, paren);
  const at = spec.lastIndexOf('@');
  if (at <= 0) return undefined;
  return accept(spec.slice(0, at), spec.slice(at + 1));
}

// Tarball, git and file dependencies have no registry version to match against.
function accept(name: string, version: string): LangRecord | undefined {
  if (name.length === 0 || !/^\d/.test(version) || version.includes(':') || name.includes(':'))
    return undefined;
  return { name, version, licenses: [] };
}

function unquote(value: string): string {
  return value.replace(/^(['"])(.*)\1$/, '$2');
}
