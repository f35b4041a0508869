// OSV importer: single record files (directories are expanded by the caller) and all.zip archives.
import { parseOsvRecord } from './osv-record';
import { headText, parseJson, readHead, readJsonCapped } from './read-input';
import type { FeedImporter, FeedSink } from './types';
import { zipEntries } from './zip-entries';

/** One OSV record is a few KB; anything far larger is hostile or not a record. */
export const MAX_OSV_RECORD_BYTES = 8 * 1024 * 1024;

function isZip(name: string, firstBytes: Buffer): boolean {
  return firstBytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) || /\.zip$/i.test(name);
}

function emit(value: unknown, where: string, sink: FeedSink): void {
  try {
    sink.vulnerability(parseOsvRecord(value));
  } catch (err) {
    sink.invalid(where, (err as Error).message);
  }
}

export const osvImporter: FeedImporter = {
  name: 'osv',
  detect(name: string, firstBytes: Buffer): boolean {
    if (isZip(name, firstBytes)) return true;
    const head = headText(firstBytes);
    return /^\s*\{/.test(head) && /"(affected|schema_version)"\s*:/.test(head) && /"id"\s*:/.test(head);
  },
  async run(path: string, sink: FeedSink): Promise<void> {
    if (!isZip(path, await readHead(path, 4))) {
      // In a directory of records one bad file is one invalid record, not a failed import.
      let value: unknown;
      try {
        value = await readJsonCapped(path, MAX_OSV_RECORD_BYTES);
      } catch (err) {
        sink.invalid(path, (err as Error).message);
        return;
      }
      emit(value, path, sink);
      return;
    }
    for await (const entry of zipEntries(path, MAX_OSV_RECORD_BYTES, (b) => sink.progress(b))) {
      const where = `${path}!${entry.name}`;
      if (!entry.name.toLowerCase().endsWith('.json')) continue;
      if (!entry.data) {
        sink.invalid(where, `record is ${entry.size} bytes, more than ${MAX_OSV_RECORD_BYTES}`);
        continue;
      }
      let value: unknown;
      try {
        value = parseJson(entry.data.toString('utf8'), where);
      } catch (err) {
        sink.invalid(where, (err as Error).message);
        continue;
      }
      emit(value, where, sink);
    }
  },
};
