// .NET: *.deps.json written next to every published application; `libraries` keys are "Name/1.2.3".
import { isRecord, parseJsonText, uniqueRecords, type LangRecord } from './lang-record';

export function parseDepsJson(text: string, source: string): LangRecord[] {
  const doc = parseJsonText(text, source);
  if (!isRecord(doc)) throw new Error(`${source}: deps.json is not a JSON object`);
  if (doc.libraries === undefined) return [];
  if (!isRecord(doc.libraries)) throw new Error(`${source}: "libraries" is not an object`);
  const out: LangRecord[] = [];
  for (const [key, lib] of Object.entries(doc.libraries)) {
    // "project" entries are the application's own assemblies, not NuGet packages.
    if (!isRecord(lib) || lib.type !== 'package') continue;
    const slash = key.indexOf('/');
    if (slash <= 0 || slash === key.length - 1) continue;
    out.push({ name: key.slice(0, slash), version: key.slice(slash + 1), licenses: [] });
  }
  return uniqueRecords(out);
}
