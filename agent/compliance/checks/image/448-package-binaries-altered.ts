// Prisma 448: an executable owned by a package differs from the digest its package database records
// (dpkg info/*.md5sums, apk installed Z: sha1) — a replaced or patched binary.
import { errored, failIfAny, notApplicable, type ComplianceCheck } from '../../types';
import { incomplete } from './incomplete';

/** "/usr/bin/ls" -> md5, from dpkg md5sums files ("<md5>  usr/bin/ls"). */
export function parseDpkgMd5sums(texts: Iterable<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const text of texts) {
    for (const line of text.split('\n')) {
      const m = /^([0-9a-f]{32})\s+(\S.*)$/.exec(line.trim());
      if (m) out.set(`/${m[2].replace(/^\/+/, '')}`, m[1]);
    }
  }
  return out;
}

/** "/bin/busybox" -> sha1 hex, from apk's installed db (F: dir, R: file, Z: Q1 + base64 sha1). */
export function parseApkChecksums(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let dir = '';
  let file = '';
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (line === '') {
      dir = '';
      file = '';
    } else if (line.startsWith('F:')) dir = line.slice(2);
    else if (line.startsWith('R:')) file = line.slice(2);
    else if (line.startsWith('Z:Q1') && file) {
      const sha1 = Buffer.from(line.slice(4), 'base64');
      if (sha1.length === 20) out.set(`/${dir ? `${dir}/` : ''}${file}`, sha1.toString('hex'));
    }
  }
  return out;
}

export const packageBinariesAltered: ComplianceCheck<'image'> = {
  id: 448,
  kind: 'image',
  evaluate(input) {
    const inc = incomplete(input);
    if (inc) return inc;
    const { facts } = input;
    if (facts.dpkgMd5sums.size === 0 && facts.apkInstalled === null)
      return notApplicable('no dpkg md5sums or apk installed database in the image to compare against');
    const dpkg = parseDpkgMd5sums(facts.dpkgMd5sums.values());
    const apk = facts.apkInstalled ? parseApkChecksums(facts.apkInstalled) : new Map<string, string>();
    const found: string[] = [];
    const unverified: string[] = [];
    let compared = 0;
    for (const [path, d] of facts.binaries) {
      const layer = d.layer ? ` — layer ${d.layer.index}: ${d.layer.createdBy || d.layer.diffId}` : '';
      const md5 = dpkg.get(path);
      if (md5 !== undefined && d.md5 === '') unverified.push(path);
      else if (md5 !== undefined) {
        compared++;
        if (md5 !== d.md5) found.push(`${path}: md5 ${d.md5}, dpkg expects ${md5}${layer}`);
      }
      const sha1 = apk.get(path);
      if (sha1 !== undefined && d.sha1 === '') unverified.push(path);
      else if (sha1 !== undefined) {
        compared++;
        if (sha1 !== d.sha1) found.push(`${path}: sha1 ${d.sha1}, apk expects ${sha1}${layer}`);
      }
    }
    // A binary hashed before its package manager showed itself (and only for another one) was not
    // compared: without a mismatch elsewhere that is an error, never a pass.
    if (found.length === 0 && unverified.length > 0)
      return errored(
        `${unverified.length} package-owned executable(s) were not hashed with their package database's algorithm: ${unverified.slice(0, 5).join(', ')}`,
      );
    if (compared === 0 && found.length === 0)
      return notApplicable('no executable in the bin directories is listed in the package databases');
    return failIfAny(found, `${compared} package-owned executables match their recorded digests`);
  },
};
