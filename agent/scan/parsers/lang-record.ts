// What the language-package parsers return: just the facts found in the file. The analyzers in
// inventory/lang/ turn records into Packages (ecosystem, purl, foundIn).

export interface LangRecord {
  name: string;
  version: string;
  /** Maven groupId; the other ecosystems derive their purl namespace from the name. */
  group?: string;
  licenses?: string[];
}

/** Parses JSON and names the input when it is not JSON at all. */
export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Error(`${source}: not valid JSON (${(err as Error).message})`);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns the value when it is a non-empty string; hostile files put numbers or objects anywhere. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** License fields come as "MIT", {type: "MIT"}, or arrays of either. */
export function licenseList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of items) {
    const text = str(item) ?? (isRecord(item) ? (str(item.type) ?? str(item.name)) : undefined);
    if (text !== undefined && !out.includes(text)) out.push(text);
  }
  return out;
}

/** Drops exact duplicates (same name, version, group) while keeping the first occurrence's order. */
export function uniqueRecords(records: LangRecord[]): LangRecord[] {
  const seen = new Set<string>();
  return records.filter((r) => {
    const key = `${r.group ?? ''}\u0000${r.name}\u0000${r.version}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
