// Pure parser for apk's installed database (/lib/apk/db/installed): blank-line separated stanzas of
// "K:value" lines. The record keeps file lists and checksums for later integrity and compliance checks.

export interface ApkFile {
  /** Absolute path inside the image: "/lib/libc.musl-x86_64.so.1". */
  path: string;
  /** apk's Z: field, "Q1" + base64 SHA-1 of the content, when recorded. */
  checksum?: string;
}

export interface ApkInstalledRecord {
  name: string;
  version: string;
  arch?: string;
  /** o: the source package this binary package was built from. */
  origin?: string;
  /** L: the license expression as written ("MIT", "GPL-2.0-only AND BSD-2-Clause"). */
  license?: string;
  description?: string;
  url?: string;
  maintainer?: string;
  /** t: build time, seconds since the epoch. */
  buildTime?: number;
  /** c: the aports commit the package was built from. */
  commit?: string;
  /** C: checksum of the package's control data. */
  checksum?: string;
  depends: string[];
  provides: string[];
  /** F: directories owned by the package, absolute. */
  dirs: string[];
  files: ApkFile[];
}

interface Draft extends Partial<ApkInstalledRecord> {
  depends: string[];
  provides: string[];
  dirs: string[];
  files: ApkFile[];
}

function emptyDraft(): Draft {
  return { depends: [], provides: [], dirs: [], files: [] };
}

/**
 * Parse the whole database. Stanzas without a name (P:) or version (V:) are not packages and are
 * dropped; lines that are not "K:value" are ignored, as apk itself does. Binary content is refused.
 */
export function parseApkInstalled(text: string, label = 'apk installed database'): ApkInstalledRecord[] {
  const nul = text.indexOf('\0');
  if (nul >= 0)
    throw new Error(`${label}: binary data (NUL byte at offset ${nul}), not an apk installed database`);

  const records: ApkInstalledRecord[] = [];
  let draft = emptyDraft();
  let dir = '';
  let lastFile: ApkFile | undefined;

  const finish = (): void => {
    if (draft.name && draft.version) records.push(draft as ApkInstalledRecord);
    draft = emptyDraft();
    dir = '';
    lastFile = undefined;
  };

  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line === '') {
      finish();
      continue;
    }
    if (line.length < 2 || line[1] !== ':') continue;
    const value = line.slice(2);
    switch (line[0]) {
      case 'P':
        draft.name = value;
        break;
      case 'V':
        draft.version = value;
        break;
      case 'A':
        draft.arch = value;
        break;
      case 'o':
        draft.origin = value;
        break;
      case 'L':
        draft.license = value;
        break;
      case 'T':
        draft.description = value;
        break;
      case 'U':
        draft.url = value;
        break;
      case 'm':
        draft.maintainer = value;
        break;
      case 'c':
        draft.commit = value;
        break;
      case 'C':
        draft.checksum = value;
        break;
      case 't': {
        const seconds = Number(value);
        if (Number.isSafeInteger(seconds)) draft.buildTime = seconds;
        break;
      }
      case 'D':
        draft.depends.push(...value.split(' ').filter((d) => d !== ''));
        break;
      case 'p':
        draft.provides.push(...value.split(' ').filter((d) => d !== ''));
        break;
      case 'F':
        dir = value.replace(/^\/+|\/+$/g, '');
        draft.dirs.push('/' + dir);
        lastFile = undefined;
        break;
      case 'R':
        lastFile = { path: dir === '' ? '/' + value : `/${dir}/${value}` };
        draft.files.push(lastFile);
        break;
      case 'Z':
        // A checksum belongs to the R: line right before it.
        if (lastFile) lastFile.checksum = value;
        break;
      default:
        break;
    }
  }
  finish();
  return records;
}
