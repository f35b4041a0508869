// The console's own feeds: custom vulnerabilities (kept in console.db, written into intel.db as the "custom" feed)
// and feed files imported through the console (upload or a path on the console host).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCustomEntry } from '../../agent/vuln/feeds/custom';
import { importFeeds, type ImportSummary } from '../../agent/vuln/intel-db';
import { fetchPlannedFiles, isHttpUrl, planFeedFiles } from '../../agent/vuln/feeds/mirror';
import { ApiError } from '../api/errors';
import type { CustomVulnDto, FeedImportResultDto, FeedUpdateDto } from '../contract/index';
import type { SettingsRepo } from '../db/repos/settings-repo';

const KEY = 'feeds.customVulnerabilities';
const CUSTOM_SOURCE = 'console custom vulnerabilities';
const LAST_UPDATE = 'feeds.lastUpdate';

export class CustomFeeds {
  /** Imports are serialised: two at once would race for the same intel.db rename. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly settings: SettingsRepo,
    private readonly intelFile: string,
  ) {}

  list(): CustomVulnDto[] {
    return this.settings.get<CustomVulnDto[]>(KEY, []);
  }

  /** Replaces the whole list after checking every entry; nothing is stored when one is wrong. */
  async save(entries: CustomVulnDto[]): Promise<CustomVulnDto[]> {
    const ids = new Set<string>();
    entries.forEach((e, i) => {
      try {
        parseCustomEntry(e);
      } catch (err) {
        throw new ApiError(
          'bad_request',
          `custom vulnerability #${i + 1} (${e.id}): ${(err as Error).message}`,
        );
      }
      const key = `${e.id}|${e.ecosystem}|${e.package}`;
      if (ids.has(key))
        throw new ApiError('bad_request', `custom vulnerability ${e.id} for ${e.package} is listed twice`);
      ids.add(key);
    });
    await this.serial(() => this.importCustom(entries));
    this.settings.set(KEY, entries);
    return entries;
  }

  /** A feed file sent by the browser (file picker / upload). */
  async importUpload(fileName: string, content: Buffer): Promise<FeedImportResultDto> {
    const safeName = path.basename(fileName).replace(/[^A-Za-z0-9._-]/g, '_') || 'feed';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-upload-'));
    try {
      const file = path.join(dir, safeName);
      fs.writeFileSync(file, content, { mode: 0o600 });
      return summary(
        await this.serial(() => importFeeds(this.intelFile, [{ path: file, source: `upload ${safeName}` }])),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  /** A file or directory on the console host (a USB stick or mirror copy on a lab VM). */
  async importPath(p: string): Promise<FeedImportResultDto> {
    if (!path.isAbsolute(p))
      throw new ApiError('bad_request', `"${p}" is not an absolute path on the console host`);
    if (!fs.existsSync(p))
      throw new ApiError('bad_request', `${p}: no such file or directory on the console host`);
    return summary(await this.serial(() => importFeeds(this.intelFile, [{ path: p }])));
  }

  /** The last mirror update, successful or not, so the feeds page can show its error. */
  lastUpdate(): FeedUpdateDto | undefined {
    return this.settings.get<FeedUpdateDto | undefined>(LAST_UPDATE, undefined);
  }

  /** Fetches every feed file a mirror (a directory on the console host or an http(s) URL) has, and imports them. */
  async updateFromMirror(mirror: string): Promise<FeedUpdateDto> {
    if (!isHttpUrl(mirror) && !path.isAbsolute(mirror))
      throw new ApiError(
        'bad_request',
        `mirror "${mirror}" is neither an http(s) URL nor an absolute directory path`,
      );
    if (!isHttpUrl(mirror) && !fs.statSync(mirror, { throwIfNoEntry: false })?.isDirectory())
      throw new ApiError('bad_request', `${mirror}: no such directory on the console host`);
    const at = new Date().toISOString();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-mirror-'));
    try {
      const { fetched, missing } = await fetchPlannedFiles(planFeedFiles({ mirror }), dir);
      if (fetched.length === 0)
        throw new Error(`${mirror}: none of the feed files are there (${missing.join('; ')})`);
      const result = summary(
        await this.serial(() =>
          importFeeds(
            this.intelFile,
            fetched.map((f) => ({ path: f.path, source: f.source })),
          ),
        ),
      );
      const done: FeedUpdateDto = { mirror, at, ok: true, missing, result };
      this.settings.set(LAST_UPDATE, done);
      return done;
    } catch (err) {
      const message = (err as Error).message;
      this.settings.set(LAST_UPDATE, { mirror, at, ok: false, missing: [], error: message });
      throw err instanceof ApiError ? err : new ApiError('bad_request', message);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  private async importCustom(entries: CustomVulnDto[]): Promise<void> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-custom-'));
    try {
      const file = path.join(dir, 'custom-vulnerabilities.json');
      fs.writeFileSync(file, JSON.stringify(entries));
      await importFeeds(this.intelFile, [{ path: file, format: 'custom', source: CUSTOM_SOURCE }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  private serial<T>(job: () => Promise<T>): Promise<T> {
    const run = this.chain.then(job, job);
    this.chain = run.catch(() => undefined);
    return run.catch((err: unknown) => {
      throw err instanceof ApiError ? err : new ApiError('bad_request', (err as Error).message);
    });
  }
}

function summary(s: ImportSummary): FeedImportResultDto {
  return {
    feeds: s.feeds.map((f) => ({
      name: f.name,
      records: f.records,
      invalid: f.invalid,
      problems: f.problems,
    })),
    skipped: s.skipped,
  };
}
