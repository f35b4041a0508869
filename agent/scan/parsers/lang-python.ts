// Python package metadata: installed dist-info/egg-info, requirements files, poetry.lock, Pipfile.lock.
import { isRecord, parseJsonText, str, uniqueRecords, type LangRecord } from './lang-record';
import { parseTomlPackages } from './lang-toml-lock';

/** METADATA / PKG-INFO (core metadata: RFC 822 headers up to the first blank line). */
export function parsePythonMetadata(text: string, source: string): LangRecord | undefined {
  const headers = new Map<string, string[]>();
  let last: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line.length === 0) break;
    if (/^\s/.test(line)) continue; // continuation of a long License text: the first line says enough
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`${source}: malformed metadata header "${line.slice(0, 60)}"`);
    last = line.slice(0, colon).trim().toLowerCase();
    const list = headers.get(last) ?? [];
    list.push(line.slice(colon + 1).trim());
    headers.set(last, list);
  }
  const name = headers.get('name')?.[0];
  const version = headers.get('version')?.[0];
  if (name === undefined || version === undefined || name === '' || version === '') return undefined;
  return { name, version, licenses: pythonLicenses(headers) };
}

function pythonLicenses(headers: Map<string, string[]>): string[] {
  const out: string[] = [];
  const add = (l: string): void => {
    if (l.length > 0 && l !== 'UNKNOWN' && !out.includes(l)) out.push(l);
  };
  for (const l of headers.get('license-expression') ?? []) add(l);
  // Some projects paste the whole license text into License:; only a short value is a license name.
  for (const l of headers.get('license') ?? []) if (l.length <= 80) add(l);
  for (const c of headers.get('classifier') ?? []) {
    const parts = c.split('::').map((p) => p.trim());
    if (parts[0] === 'License' && parts.length > 1) {
      const leaf = parts[parts.length - 1];
      if (leaf !== 'OSI Approved') add(leaf);
    }
  }
  return out;
}

/** Only exact pins (`name==1.2.3`) identify a version; ranges say nothing about what is installed. */
export function parseRequirements(text: string): LangRecord[] {
  const out: LangRecord[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line.length === 0 || line.startsWith('-')) continue;
    const m =
      /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*===?\s*([A-Za-z0-9][A-Za-z0-9.+!_-]*)\s*(?:[;\\].*)?$/.exec(
        line.split(/\s+--hash/)[0].trim(),
      );
    if (m !== null && !m[2].includes('*')) out.push({ name: m[1], version: m[2], licenses: [] });
  }
  return uniqueRecords(out);
}

export function parsePoetryLock(text: string, source: string): LangRecord[] {
  return parseTomlPackages(text, source);
}

export function parsePipfileLock(text: string, source: string): LangRecord[] {
  const doc = parseJsonText(text, source);
  if (!isRecord(doc)) throw new Error(`${source}: Pipfile.lock is not a JSON object`);
  const out: LangRecord[] = [];
  for (const section of ['default', 'develop']) {
    const deps = doc[section];
    if (deps === undefined) continue;
    if (!isRecord(deps)) throw new Error(`${source}: "${section}" is not an object`);
    for (const [name, entry] of Object.entries(deps)) {
      const pin = isRecord(entry) ? str(entry.version) : undefined;
      if (pin?.startsWith('==') === true) out.push({ name, version: pin.slice(2), licenses: [] });
    }
  }
  return uniqueRecords(out);
}
