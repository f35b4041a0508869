// yarn.lock, both the classic v1 format and berry's YAML subset. Only top-level entries and their
// `version` / `resolution` fields matter, so a line-based reader is enough.
import type { LangRecord } from './lang-record';
import { uniqueRecords } from './lang-record';

interface Entry {
  descriptors: string;
  version?: string;
  resolution?: string;
}

export function parseYarnLock(text: string, source: string): LangRecord[] {
  const entries: Entry[] = [];
  let current: Entry | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    if (rawLine.length === 0 || rawLine.startsWith('#')) continue;
    if (!/^\s/.test(rawLine)) {
      if (!rawLine.endsWith(':')) throw new Error(`${source}: unexpected top-level line "${clip(rawLine)}"`);
      current = { descriptors: rawLine.slice(0, -1) };
      entries.push(current);
      continue;
    }
    // Only the entry's own fields (two-space indent) count; nested maps list dependency ranges.
    const field = /^ {2}(version|resolution):? +(.*)$/.exec(rawLine);
    if (current === undefined || field === null) continue;
    const value = unquote(field[2].trim());
    if (field[1] === 'version') current.version = value;
    else current.resolution = value;
  }
  const out: LangRecord[] = [];
  for (const entry of entries) {
    const rec = toRecord(entry);
    if (rec !== undefined) out.push(rec);
  }
  return uniqueRecords(out);
}

function toRecord(entry: Entry): LangRecord | undefined {
  if (entry.version === undefined || !/^\d/.test(entry.version)) return undefined;
  if (entry.resolution !== undefined) {
    // berry: "name@npm:1.2.3"; workspace:, patch:, link:, file: … are not registry packages.
    const m = /^(@?[^@]+)@npm:(.+)$/.exec(entry.resolution);
    return m === null ? undefined : { name: m[1], version: entry.version, licenses: [] };
  }
  const first = unquote(entry.descriptors.split(',')[0].trim());
  const name = descriptorName(first);
  if (name === undefined) return undefined;
  return { name, version: entry.version, licenses: [] };
}

/** "lodash@^4.17.0" -> lodash; "@babel/core@^7" -> @babel/core; "alias@npm:real@^1" -> real. */
function descriptorName(descriptor: string): string | undefined {
  const at = descriptor.indexOf('@', 1);
  if (at < 0) return undefined;
  const name = descriptor.slice(0, at);
  const range = descriptor.slice(at + 1);
  if (range.startsWith('npm:')) {
    const spec = range.slice(4);
    const inner = spec.indexOf('@', 1);
    return inner < 0 ? spec : spec.slice(0, inner);
  }
  // git, file and tarball sources carry a protocol or a path instead of a semver range.
  if (/^(file|link|git|github|https?|workspace|portal|patch):/.test(range) || range.includes('/')) {
    return undefined;
  }
  return name;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

function clip(line: string): string {
  return line.length > 60 ? `${line.slice(0, 60)}…` : line;
}
