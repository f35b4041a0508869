// Declared base images in console.db.
import type { Db } from '../connection';

export interface StoredBaseImage {
  id: number;
  ref: string;
  imageId?: string;
  diffIds: string[];
  addedAt: string;
}

interface Row {
  id: number;
  ref: string;
  image_id: string | null;
  diff_ids_json: string;
  added_at: string;
}

export class BaseImagesRepo {
  constructor(private readonly db: Db) {}

  list(): StoredBaseImage[] {
    const rows = this.db.prepare('SELECT * FROM base_images ORDER BY ref, id').all() as Row[];
    return rows.map((r) => ({
      id: r.id,
      ref: r.ref,
      imageId: r.image_id ?? undefined,
      diffIds: JSON.parse(r.diff_ids_json) as string[],
      addedAt: r.added_at,
    }));
  }

  /** Adds a base image; declaring the same layers again renames it instead of adding a duplicate. */
  add(ref: string, imageId: string | undefined, diffIds: readonly string[]): StoredBaseImage {
    const json = JSON.stringify(diffIds);
    this.db
      .prepare(
        `INSERT INTO base_images(ref, image_id, diff_ids_json, added_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(diff_ids_json) DO UPDATE SET ref = excluded.ref, image_id = excluded.image_id`,
      )
      .run(ref, imageId ?? null, json, new Date().toISOString());
    const row = this.db.prepare('SELECT id FROM base_images WHERE diff_ids_json = ?').get(json) as {
      id: number;
    };
    return this.list().find((b) => b.id === row.id)!;
  }

  remove(id: number): boolean {
    return this.db.prepare('DELETE FROM base_images WHERE id = ?').run(id).changes > 0;
  }
}
