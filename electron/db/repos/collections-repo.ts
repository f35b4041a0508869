// Collections in console.db: one row each, pattern lists kept as JSON arrays.
import type { CollectionInputDto } from '../../contract/collections-dto';
import type { Db } from '../connection';

export interface CollectionRecord extends CollectionInputDto {
  id: number;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: number;
  name: string;
  description: string;
  colour: string;
  images_json: string;
  containers_json: string;
  hosts_json: string;
  labels_json: string;
  created_at: string;
  updated_at: string;
}

function toRecord(r: Row): CollectionRecord {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    colour: r.colour,
    images: JSON.parse(r.images_json) as string[],
    containers: JSON.parse(r.containers_json) as string[],
    hosts: JSON.parse(r.hosts_json) as string[],
    labels: JSON.parse(r.labels_json) as string[],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export class CollectionsRepo {
  constructor(private readonly db: Db) {}

  list(): CollectionRecord[] {
    return (this.db.prepare('SELECT * FROM collections ORDER BY name COLLATE NOCASE').all() as Row[]).map(
      toRecord,
    );
  }

  get(id: number): CollectionRecord | undefined {
    const row = this.db.prepare('SELECT * FROM collections WHERE id = ?').get(id) as Row | undefined;
    return row && toRecord(row);
  }

  byName(name: string): CollectionRecord | undefined {
    const row = this.db.prepare('SELECT * FROM collections WHERE name = ?').get(name) as Row | undefined;
    return row && toRecord(row);
  }

  insert(c: CollectionInputDto, now: string): number {
    const r = this.db
      .prepare(
        `INSERT INTO collections(name, description, colour, images_json, containers_json, hosts_json, labels_json,
           created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(...this.values(c), now, now);
    return Number(r.lastInsertRowid);
  }

  update(id: number, c: CollectionInputDto, now: string): void {
    this.db
      .prepare(
        `UPDATE collections SET name = ?, description = ?, colour = ?, images_json = ?, containers_json = ?,
           hosts_json = ?, labels_json = ?, updated_at = ? WHERE id = ?`,
      )
      .run(...this.values(c), now, id);
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM collections WHERE id = ?').run(id);
  }

  /** Runs fn in one transaction (a rename rewrites the rules that name the collection too). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  private values(c: CollectionInputDto): string[] {
    return [
      c.name,
      c.description,
      c.colour,
      JSON.stringify(c.images),
      JSON.stringify(c.containers),
      JSON.stringify(c.hosts),
      JSON.stringify(c.labels),
    ];
  }
}
