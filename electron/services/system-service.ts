import type { VersionDto } from '../contract/index';
import type { Db } from '../db/connection';
import { schemaVersion } from '../db/connection';

export class SystemService {
  constructor(
    private readonly db: Db,
    private readonly dataDir: string,
    private readonly moatVersion: string,
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
}
