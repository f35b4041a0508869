import type { Db } from '../connection';
import type { DockerEventDto } from '../../contract/dto';

export class DockerEventsRepo {
  constructor(private readonly db: Db) {}

  add(e: DockerEventDto): void {
    this.db
      .prepare('INSERT INTO docker_events(time, type, action, actor_id, actor_name) VALUES (?, ?, ?, ?, ?)')
      .run(e.time, e.type, e.action, e.actorId, e.actorName ?? null);
  }

  recent(limit: number): DockerEventDto[] {
    const rows = this.db
      .prepare('SELECT time, type, action, actor_id, actor_name FROM docker_events ORDER BY id DESC LIMIT ?')
      .all(limit) as Array<{
      time: string;
      type: string;
      action: string;
      actor_id: string;
      actor_name: string | null;
    }>;
    return rows.map((r) => ({
      time: r.time,
      type: r.type,
      action: r.action,
      actorId: r.actor_id,
      actorName: r.actor_name ?? undefined,
    }));
  }
}
