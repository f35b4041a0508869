// npm's own formats: an installed package's package.json and package-lock.json (v1, v2, v3).
import { isRecord, licenseList, parseJsonText, str, uniqueRecords, type LangRecord } from './lang-record';

/** An installed package's package.json; undefined when it lacks a name or a version (not a real install). */
export function parseInstalledPackageJson(text: string, source: string): LangRecord | undefined {
  const doc = parseJsonText(text, source);
  if (!isRecord(doc)) throw new Error(`${source}: package.json is not a JSON object`);
  const name = str(doc.name);
  const version = str(doc.version);
  if (name === undefined || version === undefined) return undefined;
  const licenses = licenseList(doc.license);
  for (const l of licenseList(doc.licenses)) if (!licenses.includes(l)) licenses.push(l);
  return { name, version, licenses };
}

/** Every package a package-lock.json (or npm-shrinkwrap.json) pins, whatever its lockfileVersion. */
export function parsePackageLock(text: string, source: string): LangRecord[] {
  const doc = parseJsonText(text, source);
  if (!isRecord(doc)) throw new Error(`${source}: lockfile is not a JSON object`);
  // v2 carries both shapes; `packages` is the complete one, so prefer it whenever present.
  if (doc.packages !== undefined) {
    if (!isRecord(doc.packages)) throw new Error(`${source}: "packages" is not an object`);
    return uniqueRecords(fromPackagesMap(doc.packages));
  }
  if (doc.dependencies !== undefined) {
    if (!isRecord(doc.dependencies)) throw new Error(`${source}: "dependencies" is not an object`);
    const out: LangRecord[] = [];
    collectV1(doc.dependencies, out, 0);
    return uniqueRecords(out);
  }
  return [];
}

const NM = 'node_modules/';

function fromPackagesMap(packages: Record<string, unknown>): LangRecord[] {
  const out: LangRecord[] = [];
  for (const [key, entry] of Object.entries(packages)) {
    // "" is the project itself; keys without node_modules/ are workspace folders, not installs.
    const at = key.lastIndexOf(NM);
    if (at < 0 || !isRecord(entry) || entry.link === true) continue;
    const name = str(entry.name) ?? key.slice(at + NM.length);
    const version = str(entry.version);
    if (version === undefined || !isRegistryVersion(version)) continue;
    out.push({ name, version, licenses: licenseList(entry.license) });
  }
  return out;
}

// v1 nests `dependencies` per package; depth is bounded so a crafted file cannot blow the stack.
function collectV1(deps: Record<string, unknown>, out: LangRecord[], depth: number): void {
  if (depth > 64) return;
  for (const [key, entry] of Object.entries(deps)) {
    if (!isRecord(entry)) continue;
    const raw = str(entry.version);
    if (raw !== undefined) {
      const resolved = resolveAlias(key, raw);
      if (resolved !== undefined) out.push({ ...resolved, licenses: [] });
    }
    if (isRecord(entry.dependencies)) collectV1(entry.dependencies, out, depth + 1);
  }
}

/** v1 writes aliases as version "npm:real-name@1.2.3"; git/file/link specs are not registry versions. */
function resolveAlias(key: string, version: string): { name: string; version: string } | undefined {
  if (version.startsWith('npm:')) {
    const spec = version.slice(4);
    const at = spec.lastIndexOf('@');
    if (at <= 0) return undefined;
    return { name: spec.slice(0, at), version: spec.slice(at + 1) };
  }
  return isRegistryVersion(version) ? { name: key, version } : undefined;
}

function isRegistryVersion(version: string): boolean {
  return /^\d/.test(version) && !version.includes(':') && !version.includes('/');
}
