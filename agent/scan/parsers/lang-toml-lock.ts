// The TOML subset shared by Cargo.lock and poetry.lock: `[[package]]` tables with `name = "…"` and
// `version = "…"`. Sub-tables ([package.extras]), arrays and other keys are skipped, not interpreted.
import { uniqueRecords, type LangRecord } from './lang-record';

export interface TomlPackage extends LangRecord {
  source?: string;
}

export function parseTomlPackages(text: string, source: string): TomlPackage[] {
  const out: TomlPackage[] = [];
  let current: Partial<TomlPackage> | undefined;
  let inMultiline = false;
  const flush = (): void => {
    if (current?.name !== undefined && current.version !== undefined) {
      out.push({ name: current.name, version: current.version, source: current.source, licenses: [] });
    }
    current = undefined;
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    // A multi-line string may contain anything, including lines that look like headers.
    if (inMultiline) {
      if (line.includes('"""') || line.includes("'''")) inMultiline = false;
      continue;
    }
    if (line.startsWith('[')) {
      flush();
      if (line === '[[package]]') current = {};
      continue;
    }
    if (current === undefined) continue;
    const m = /^([A-Za-z0-9_-]+)\s*=\s*(.*)$/.exec(line);
    if (m === null) continue;
    const value = m[2];
    const delim = value.slice(0, 3);
    if (delim === '"""' || delim === "'''") {
      inMultiline = !value.slice(3).includes(delim);
      continue;
    }
    const s = /^"((?:[^"\\]|\\.)*)"|^'([^']*)'/.exec(value);
    if (s === null) continue;
    const val = s[1] ?? s[2];
    if (m[1] === 'name') current.name = val;
    else if (m[1] === 'version') current.version = val;
    else if (m[1] === 'source') current.source = val;
  }
  flush();
  // NUL never appears in TOML text: this is some other file under a lockfile's name.
  if (text.includes('\u0000')) {
    throw new Error(`${source}: binary data, not a TOML lockfile`);
  }
  return uniqueRecords(out) as TomlPackage[];
}
