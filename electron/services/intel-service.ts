// The console's view of intel.db: opened read-only, reopened when an import swaps in a new file (from the CLI
// or the console), after which every stored inventory is re-matched.
import fs from 'node:fs';
import path from 'node:path';
import { openIntelDb, type IntelDb } from '../../agent/vuln/intel-db';
import { matchPackages } from '../../agent/vuln/matcher';
import type { FeedDto } from '../contract/index';
import type { VulnIntel } from './scan-service';

const DAY_MS = 86_400_000;

export class IntelService {
  private db?: IntelDb;
  private openedIno?: string;
  private watcher?: fs.FSWatcher;
  private lastError?: string;

  constructor(
    readonly file: string,
    private readonly onChange: () => void = () => undefined,
  ) {}

  /** Watches the data directory: imports replace intel.db by rename, so the directory is what changes. */
  start(): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    this.watcher = fs.watch(path.dirname(this.file), (_event, name) => {
      if (name === path.basename(this.file) && this.reopenIfChanged()) this.onChange();
    });
  }

  stop(): void {
    this.watcher?.close();
    this.db?.close();
    this.db = undefined;
  }

  intel(): VulnIntel | undefined {
    this.reopenIfChanged();
    const db = this.db;
    if (!db) return undefined;
    return {
      match: (os, packages) => matchPackages(db, os ?? undefined, packages),
      feeds: () => db.feeds().map((f) => ({ name: f.name, importedAt: f.importedAt })),
    };
  }

  feeds(now = Date.now()): { feeds: FeedDto[]; error?: string } {
    this.reopenIfChanged();
    const feeds = (this.db?.feeds() ?? []).map((f) => ({
      ...f,
      ageDays: Math.floor((now - Date.parse(f.importedAt)) / DAY_MS),
    }));
    return { feeds, error: this.lastError };
  }

  /** Returns true when a different file is now open. */
  private reopenIfChanged(): boolean {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(this.file);
    } catch {
      return false; // no feeds imported yet
    }
    const ino = `${stat.ino}:${stat.mtimeMs}`;
    if (ino === this.openedIno) return false;
    try {
      const next = openIntelDb(this.file);
      this.db?.close();
      this.db = next;
      this.openedIno = ino;
      this.lastError = undefined;
      return true;
    } catch (err) {
      // Keep matching with the database already open; say why the new one is not used.
      this.lastError = `cannot open ${this.file}: ${(err as Error).message}`;
      return false;
    }
  }
}
