// GET /api/backup/console.db: streams a consistent backup of console.db made for this request, then deletes it.
import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';

/** Makes a backup file and returns its path; the caller owns (and deletes) the file. */
export type BackupMaker = () => Promise<string>;

export const BACKUP_PATH = '/api/backup/console.db';

export async function sendBackup(res: ServerResponse, make: BackupMaker, now = new Date()): Promise<void> {
  const file = await make();
  try {
    const size = fs.statSync(file).size;
    const day = now.toISOString().slice(0, 10);
    res.writeHead(200, {
      'Content-Type': 'application/vnd.sqlite3',
      'Content-Length': String(size),
      'Content-Disposition': `attachment; filename="moat-console-${day}.db"`,
      'Cache-Control': 'no-store',
    });
    await pipeline(fs.createReadStream(file), res);
  } catch (err) {
    // Once the headers are out an error answer cannot follow: cut the download so it is not taken as whole.
    if (!res.headersSent) throw err;
    res.destroy(err as Error);
  } finally {
    fs.rmSync(file, { force: true });
  }
}
