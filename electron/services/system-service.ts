// Manage › System: what this console is (version, data, uptime, settings) and a consistent backup of console.db.
import fs from 'node:fs';
import path from 'node:path';
import type { FeedDto, SystemInfoDto, VersionDto } from '../contract/index';
import type { Db } from '../db/connection';
import { schemaVersion } from '../db/connection';

/** What the System page reads from other parts of the console. */
export interface SystemSources {
  feeds(): { feeds: FeedDto[]; error?: string };
  intelFile: string;
  settings(): SystemInfoDto['settings'];
}

const STARTED = new Date();

export class SystemService {
  constructor(
    private readonly db: Db,
    private readonly dataDir: string,
    private readonly moatVersion: string,
    private readonly sources?: SystemSources,
  ) {}

  version(): VersionDto {
    return {
      moat: this.moatVersion,
      node: process.versions.node,
      electron: process.versions.electron,
      schemaVersion: schemaVersion(this.db),
      dataDir: this.dataDir,
    };
  }

  info(now = new Date()): SystemInfoDto {
    const feeds = this.sources?.feeds() ?? { feeds: [] };
    const dbFile = this.db.name;
    return {
      ...this.version(),
      startedAt: STARTED.toISOString(),
      uptimeSeconds: Math.round((now.getTime() - STARTED.getTime()) / 1000),
      consoleDb: {
        path: dbFile,
        // The WAL holds committed pages not yet checkpointed: both are the database's size on disk.
        bytes: sizeOf(dbFile) + sizeOf(`${dbFile}-wal`),
      },
      intelDb: {
        path: this.sources?.intelFile ?? path.join(this.dataDir, 'intel.db'),
        bytes: this.sources ? sizeOf(this.sources.intelFile) : 0,
        feeds: feeds.feeds.length,
        records: feeds.feeds.reduce((n, f) => n + f.recordCount, 0),
        newestImport: feeds.feeds
          .map((f) => f.importedAt)
          .sort()
          .pop(),
        oldestAgeDays: feeds.feeds.length ? Math.max(...feeds.feeds.map((f) => f.ageDays)) : undefined,
        error: feeds.error,
      },
      settings: this.sources?.settings() ?? [],
    };
  }

  /**
   * Writes a consistent copy of console.db to `dest` with SQLite's online backup (pages copied under the database's
   * own locking, so concurrent writes never leave a torn copy, unlike copying the file).
   */
  async backup(dest: string): Promise<{ bytes: number }> {
    await this.db.backup(dest);
    return { bytes: fs.statSync(dest).size };
  }

  /** A backup kept under the data directory's backups/ folder (the desktop app, or a console reached over SSH). */
  async keepBackup(): Promise<{ path: string; bytes: number }> {
    const file = await this.backupFile();
    return { path: file, bytes: fs.statSync(file).size };
  }

  /** A fresh backup under the data directory's backups/ folder, for a download that deletes it when sent. */
  async backupFile(now = new Date()): Promise<string> {
    const dir = path.join(this.dataDir, 'backups');
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    const file = path.join(
      dir,
      `console-${stamp}-${process.pid}-${Math.random().toString(16).slice(2, 8)}.db`,
    );
    await this.backup(file);
    return file;
  }
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}
