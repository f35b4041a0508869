// PHP Composer: composer.lock and vendor/composer/installed.json (v1: a bare array; v2: {packages}).
import { isRecord, licenseList, parseJsonText, str, uniqueRecords, type LangRecord } from './lang-record';

export function parseComposerLock(text: string, source: string): LangRecord[] {
  const doc = parseJsonText(text, source);
  if (!isRecord(doc)) throw new Error(`${source}: composer.lock is not a JSON object`);
  const out: LangRecord[] = [];
  for (const key of ['packages', 'packages-dev']) {
    if (doc[key] === undefined) continue;
    out.push(...composerPackages(doc[key], `${source} "${key}"`));
  }
  return uniqueRecords(out);
}

export function parseComposerInstalled(text: string, source: string): LangRecord[] {
  const doc = parseJsonText(text, source);
  const list = isRecord(doc) ? doc.packages : doc;
  return uniqueRecords(composerPackages(list, source));
}

function composerPackages(list: unknown, source: string): LangRecord[] {
  if (!Array.isArray(list)) throw new Error(`${source}: expected an array of packages`);
  const out: LangRecord[] = [];
  for (const p of list) {
    if (!isRecord(p)) continue;
    const name = str(p.name);
    const version = str(p.version);
    if (name === undefined || version === undefined) continue;
    out.push({ name, version, licenses: licenseList(p.license) });
  }
  return out;
}
