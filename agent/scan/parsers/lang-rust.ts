// Rust: Cargo.lock, and the dependency list cargo-auditable embeds in binaries (ELF section
// `.dep-v0`: zlib-compressed JSON {packages: [{name, version, source, kind}]}).
import { inflateSync } from 'node:zlib';
import { readElf, readElfParts, sectionData, sectionPart, type ReadPart } from './lang-elf';
import { isRecord, parseJsonText, str, uniqueRecords, type LangRecord } from './lang-record';
import { parseTomlPackages } from './lang-toml-lock';

/** The audit data is a few KB even for large programs; anything past this is a bomb. */
const MAX_AUDIT_JSON = 8 * 1024 * 1024;

export function parseCargoLock(text: string, source: string): LangRecord[] {
  return parseTomlPackages(text, source).map(({ name, version }) => ({ name, version, licenses: [] }));
}

/** Undefined when the binary has no `.dep-v0` section (not built with cargo-auditable). */
export function parseCargoAuditable(bytes: Buffer, source: string): LangRecord[] | undefined {
  const section = sectionData(bytes, readElf(bytes, source), '.dep-v0');
  return section === undefined ? undefined : parseAuditSection(section, source);
}

/** The same from parts of a file that is not in memory: only the ELF tables and `.dep-v0` are read. */
export function cargoAuditableFromParts(
  read: ReadPart,
  fileSize: number,
  source: string,
): LangRecord[] | undefined {
  const section = sectionPart(read, fileSize, readElfParts(read, fileSize, source), '.dep-v0');
  return section === undefined ? undefined : parseAuditSection(section, source);
}

function parseAuditSection(section: Buffer, source: string): LangRecord[] {
  let json: Buffer;
  try {
    json = inflateSync(section, { maxOutputLength: MAX_AUDIT_JSON });
  } catch (err) {
    throw new Error(
      `${source}: .dep-v0 section does not inflate within ${MAX_AUDIT_JSON} bytes (${(err as Error).message})`,
    );
  }
  const doc = parseJsonText(json.toString('utf8'), `${source} .dep-v0`);
  if (!isRecord(doc) || !Array.isArray(doc.packages)) {
    throw new Error(`${source}: .dep-v0 JSON has no "packages" array`);
  }
  const out: LangRecord[] = [];
  for (const p of doc.packages) {
    if (!isRecord(p)) continue;
    const name = str(p.name);
    const version = str(p.version);
    // Build-time dependencies (build scripts, proc macros) are not linked into the binary.
    if (name === undefined || version === undefined || p.kind === 'build') continue;
    out.push({ name, version, licenses: [] });
  }
  return uniqueRecords(out);
}
