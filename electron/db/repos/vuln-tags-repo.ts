// Vulnerability tags and their assignments to vulnerability ids in console.db.
import type { TagAssignmentDto, VulnTagDto } from '../../contract/collections-dto';
import type { Db } from '../connection';

interface AssignmentRow {
  id: number;
  tag_id: number;
  tag: string;
  colour: string;
  vuln_id: string;
  package: string;
  image: string;
  comment: string;
  author: string;
  created_at: string;
}

function toAssignment(r: AssignmentRow): TagAssignmentDto {
  return {
    id: r.id,
    tagId: r.tag_id,
    tag: r.tag,
    colour: r.colour,
    vulnId: r.vuln_id,
    package: r.package || undefined,
    image: r.image || undefined,
    comment: r.comment,
    author: r.author,
    createdAt: r.created_at,
  };
}

const ASSIGNMENTS = `SELECT a.*, t.name AS tag, t.colour AS colour FROM vuln_tag_assignments a
  JOIN vuln_tags t ON t.id = a.tag_id`;

export class VulnTagsRepo {
  constructor(private readonly db: Db) {}

  tags(): VulnTagDto[] {
    return this.db
      .prepare(
        `SELECT t.id, t.name, t.colour, t.description, COUNT(a.id) AS uses FROM vuln_tags t
           LEFT JOIN vuln_tag_assignments a ON a.tag_id = t.id GROUP BY t.id ORDER BY t.name COLLATE NOCASE`,
      )
      .all() as VulnTagDto[];
  }

  tag(id: number): VulnTagDto | undefined {
    return this.tags().find((t) => t.id === id);
  }

  tagByName(name: string): VulnTagDto | undefined {
    const lower = name.toLowerCase();
    return this.tags().find((t) => t.name.toLowerCase() === lower);
  }

  insertTag(t: { name: string; colour: string; description: string }): number {
    return Number(
      this.db
        .prepare('INSERT INTO vuln_tags(name, colour, description) VALUES (?, ?, ?)')
        .run(t.name, t.colour, t.description).lastInsertRowid,
    );
  }

  updateTag(id: number, t: { name: string; colour: string; description: string }): void {
    this.db
      .prepare('UPDATE vuln_tags SET name = ?, colour = ?, description = ? WHERE id = ?')
      .run(t.name, t.colour, t.description, id);
  }

  deleteTag(id: number): void {
    this.db.prepare('DELETE FROM vuln_tags WHERE id = ?').run(id);
  }

  /** Adds or, for the same tag, id, package and image, replaces the comment, author and time. */
  assign(a: {
    tagId: number;
    vulnId: string;
    package: string;
    image: string;
    comment: string;
    author: string;
    at: string;
  }): TagAssignmentDto {
    this.db
      .prepare(
        `INSERT INTO vuln_tag_assignments(tag_id, vuln_id, package, image, comment, author, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(tag_id, vuln_id, package, image)
           DO UPDATE SET comment = excluded.comment, author = excluded.author, created_at = excluded.created_at`,
      )
      .run(a.tagId, a.vulnId, a.package, a.image, a.comment, a.author, a.at);
    const row = this.db
      .prepare(`${ASSIGNMENTS} WHERE a.tag_id = ? AND a.vuln_id = ? AND a.package = ? AND a.image = ?`)
      .get(a.tagId, a.vulnId, a.package, a.image) as AssignmentRow;
    return toAssignment(row);
  }

  unassign(id: number): boolean {
    return this.db.prepare('DELETE FROM vuln_tag_assignments WHERE id = ?').run(id).changes > 0;
  }

  assignments(vulnIds?: readonly string[]): TagAssignmentDto[] {
    if (vulnIds === undefined)
      return (this.db.prepare(`${ASSIGNMENTS} ORDER BY a.created_at`).all() as AssignmentRow[]).map(
        toAssignment,
      );
    if (vulnIds.length === 0) return [];
    // One query over a temporary list keeps a page of thousands of findings to a single round trip.
    const json = JSON.stringify([...new Set(vulnIds)]);
    return (
      this.db
        .prepare(`${ASSIGNMENTS} WHERE a.vuln_id IN (SELECT value FROM json_each(?)) ORDER BY a.created_at`)
        .all(json) as AssignmentRow[]
    ).map(toAssignment);
  }
}
