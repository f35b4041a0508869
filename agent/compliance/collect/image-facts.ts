// File-level facts for the image checks, gathered as an Analyzer riding the scanner's single pass.
// The Analyzer contract only returns packages/os, so the collector keeps its findings itself and
// learns which layer they came from through scanImage's onProgress ('done' carries the diffID of
// the layer just walked; layers are walked one at a time). A layer served from the cache is not
// walked, so the facts are then marked incomplete and the checks report an error, never a pass.
import { createHash } from 'node:crypto';
import type { Analyzer, AnalyzerInput, FileMeta } from '../../model/analyzer';
import type { LayerRef } from '../../model/package';
import type { ImageInventory, ScanProgress } from '../../scan/scan-image';
import type { ClamavFacts } from '../clamav';
import { credentialIn, isCredentialPath, isMinerName, privateKeyKinds } from './file-rules';
import { matchSignatures, type HashAlgo, type SignatureSet } from './signatures';

export interface FileFinding {
  path: string;
  detail: string;
  layer: LayerRef | null;
  /** Whether the path is still in the final image (null when the file list was not collected). */
  present: boolean | null;
}

export interface FileDigest {
  /** '' when not computed: the walk had seen only another package manager's files by then. */
  md5: string;
  sha1: string;
  layer: LayerRef | null;
}

export interface ImageFacts {
  complete: boolean;
  incompleteReason?: string;
  signatureCount: number;
  privateKeys: FileFinding[];
  malware: FileFinding[];
  miners: FileFinding[];
  credentials: FileFinding[];
  setuid: FileFinding[];
  /** Final-image digests of executables in the system bin directories. */
  binaries: Map<string, FileDigest>;
  /** Contents of /var/lib/dpkg/info/*.md5sums and /lib/apk/db/installed as they survive. */
  dpkgMd5sums: Map<string, string>;
  apkInstalled: string | null;
  /** Set when the user asked for a clamscan pass (`--clamscan`) over the image's layers. */
  clamav?: ClamavFacts;
}

export interface CollectorOptions {
  signatures: SignatureSet;
  minerNames: ReadonlySet<string>;
}

type Bucket = 'privateKeys' | 'malware' | 'miners' | 'credentials' | 'setuid';
interface Pending {
  bucket: Bucket;
  path: string;
  detail: string;
}
interface PendingDigest {
  path: string;
  md5: string;
  sha1: string;
}
interface PendingText {
  path: string;
  text: string;
}

const MAX_HASHED = 64 * 1024 * 1024;
const MAX_KEY_FILE = 64 * 1024;
const MAX_CREDENTIAL_FILE = 1024 * 1024;
const SKIP_KEYS = /^\/(usr\/share\/(doc|man|locale|i18n|zoneinfo|info)|proc|sys)\//;
const BIN_DIR = /^\/(usr\/(local\/)?)?s?bin\/[^/]+$/;
const DPKG_MD5 = /^\/var\/lib\/dpkg\/info\/[^/]+\.md5sums$/;
const APK_DB = '/lib/apk/db/installed';
// Files that show which package manager an image uses. Layers list paths in lexical order, so on
// most images these come before /usr/bin; until one is seen, binaries get both digests.
const DPKG_FILES = /^\/(var\/lib\/dpkg|etc\/dpkg|usr\/share\/dpkg)\/|^\/(usr\/)?bin\/dpkg$/;
const APK_FILES = /^\/(lib\/apk|etc\/apk)\/|^\/(usr\/)?sbin\/apk$/;

export class ComplianceCollector {
  readonly analyzer: Analyzer;
  private pending: Pending[] = [];
  private pendingDigests: PendingDigest[] = [];
  private pendingTexts: PendingText[] = [];
  private byLayer = new Map<string, { items: Pending[]; digests: PendingDigest[]; texts: PendingText[] }>();
  private cached: string[] = [];
  private seenDpkg = false;
  private seenApk = false;

  constructor(private readonly opts: CollectorOptions) {
    this.analyzer = {
      type: 'compliance-files',
      version: 1,
      maxBytes: MAX_HASHED,
      keepsOwnFindings: true,
      required: (f) => this.required(f),
      analyze: (input) => this.analyze(input),
    };
  }

  /** Pass to scanImage's onProgress (chain it with any other listener). */
  readonly onProgress = (p: ScanProgress): void => {
    if (p.phase === 'cached' && p.diffId) this.cached.push(p.diffId);
    if (p.phase !== 'done' || !p.diffId) return;
    const slot = this.byLayer.get(p.diffId) ?? { items: [], digests: [], texts: [] };
    slot.items.push(...this.pending);
    slot.digests.push(...this.pendingDigests);
    slot.texts.push(...this.pendingTexts);
    this.byLayer.set(p.diffId, slot);
    this.pending = [];
    this.pendingDigests = [];
    this.pendingTexts = [];
  };

  private required(f: FileMeta): boolean {
    if (!this.seenDpkg && DPKG_FILES.test(f.path)) this.seenDpkg = true;
    if (!this.seenApk && APK_FILES.test(f.path)) this.seenApk = true;
    if (f.mode & 0o6000) {
      const bits = [f.mode & 0o4000 ? 'setuid' : '', f.mode & 0o2000 ? 'setgid' : ''].filter(Boolean);
      this.pending.push({
        bucket: 'setuid',
        path: f.path,
        detail: `${bits.join('+')} mode ${(f.mode & 0o7777).toString(8)}`,
      });
    }
    if (isMinerName(f.path, f.mode, this.opts.minerNames))
      this.pending.push({ bucket: 'miners', path: f.path, detail: 'known crypto-miner file name' });
    if (f.size > MAX_HASHED) return false;
    const sig = this.opts.signatures;
    return (
      (f.size > 0 && f.size <= MAX_KEY_FILE && !SKIP_KEYS.test(f.path)) ||
      (isCredentialPath(f.path) && f.size <= MAX_CREDENTIAL_FILE) ||
      (sig.count > 0 && (sig.anySize || sig.sizes.has(f.size))) ||
      ((f.mode & 0o111) !== 0 && BIN_DIR.test(f.path)) ||
      DPKG_MD5.test(f.path) ||
      f.path === APK_DB
    );
  }

  private analyze(input: AnalyzerInput): Record<string, never> {
    const { path, content, size, mode } = input;
    const sig = this.opts.signatures;
    const isBin = (mode & 0o111) !== 0 && BIN_DIR.test(path);
    const sigFits = sig.count > 0 && (sig.anySize || sig.sizes.has(size));
    if (isBin || sigFits) {
      // Hash only with what is needed: for system binaries md5 (dpkg md5sums) and sha1 (apk), but
      // only one of them once the image has shown its package manager (check 448 reports a binary
      // whose needed digest is missing as unverified, never as matching); for signatures only the
      // algorithms the loaded lists use.
      const binAlgo = (a: HashAlgo): boolean =>
        (a === 'md5' && (this.seenDpkg || !this.seenApk)) ||
        (a === 'sha1' && (this.seenApk || !this.seenDpkg));
      const want = (a: HashAlgo): boolean => (isBin && binAlgo(a)) || (sigFits && sig.algos.has(a));
      const md5 = want('md5') ? createHash('md5').update(content).digest('hex') : '';
      const sha1 = want('sha1') ? createHash('sha1').update(content).digest('hex') : '';
      const digests: Partial<Record<HashAlgo, string>> = {};
      if (md5) digests.md5 = md5;
      if (sha1) digests.sha1 = sha1;
      if (want('sha256')) digests.sha256 = createHash('sha256').update(content).digest('hex');
      // One finding per signature name, even when its md5, sha1 and sha256 all match.
      const byName = new Map<string, { list: string; algos: string[] }>();
      for (const s of sigFits ? matchSignatures(sig, digests, size) : []) {
        const e = byName.get(s.name) ?? { list: s.list, algos: [] };
        e.algos.push(s.algo);
        byName.set(s.name, e);
      }
      for (const [name, e] of byName) {
        const bucket: Bucket = e.list.includes('miner') ? 'miners' : 'malware';
        this.pending.push({ bucket, path, detail: `${name} (${e.algos.join('+')} match, list ${e.list})` });
      }
      if (isBin) this.pendingDigests.push({ path, md5, sha1 });
    }
    if (size <= MAX_KEY_FILE && !SKIP_KEYS.test(path)) {
      const kinds = privateKeyKinds(content);
      if (kinds.length > 0) this.pending.push({ bucket: 'privateKeys', path, detail: kinds.join(', ') });
    }
    if (isCredentialPath(path) && size <= MAX_CREDENTIAL_FILE) {
      const what = credentialIn(path, content);
      if (what) this.pending.push({ bucket: 'credentials', path, detail: what });
    }
    if (DPKG_MD5.test(path) || path === APK_DB)
      this.pendingTexts.push({ path, text: content.toString('utf8') });
    return {};
  }

  /** The facts for the finished scan, with layers resolved against the inventory. */
  facts(inv: ImageInventory): ImageFacts {
    const refs = new Map(
      inv.layers.map((l) => [l.diffId, { index: l.index, diffId: l.diffId, createdBy: l.createdBy }]),
    );
    const present = inv.files ? new Set(inv.files.map((f) => f.path)) : null;
    const out: ImageFacts = {
      complete: true,
      signatureCount: this.opts.signatures.count,
      privateKeys: [],
      malware: [],
      miners: [],
      credentials: [],
      setuid: [],
      binaries: new Map(),
      dpkgMd5sums: new Map(),
      apkInstalled: null,
    };
    const missing = inv.layers.filter((l) => !this.byLayer.has(l.diffId) && l.size > 0);
    if (this.cached.length > 0 || missing.length > 0 || this.pending.length > 0) {
      out.complete = false;
      out.incompleteReason =
        this.cached.length > 0
          ? `${this.cached.length} layer(s) came from the layer cache, so their files were not read; scan without the cache for compliance`
          : 'the compliance collector did not see every layer (its onProgress hook was not passed to scanImage)';
    }
    const ordered = [...this.byLayer.entries()].sort(
      ([a], [b]) => (refs.get(a)?.index ?? 0) - (refs.get(b)?.index ?? 0),
    );
    for (const [diffId, slot] of ordered) {
      const layer = refs.get(diffId) ?? null;
      for (const p of slot.items) {
        out[p.bucket].push({
          path: p.path,
          detail: p.detail,
          layer,
          present: present ? present.has(p.path) : null,
        });
      }
      for (const d of slot.digests) out.binaries.set(d.path, { md5: d.md5, sha1: d.sha1, layer });
      for (const t of slot.texts) {
        if (t.path === APK_DB) out.apkInstalled = t.text;
        else out.dpkgMd5sums.set(t.path, t.text);
      }
    }
    if (present) {
      for (const p of [...out.binaries.keys()]) if (!present.has(p)) out.binaries.delete(p);
      for (const p of [...out.dpkgMd5sums.keys()]) if (!present.has(p)) out.dpkgMd5sums.delete(p);
      if (!present.has(APK_DB)) out.apkInstalled = null;
    }
    return out;
  }
}
