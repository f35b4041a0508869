// Defend › Vulnerabilities › Base images: declare an image (from the daemon or a scan) as a base; derived images
// then show the findings of its layers as inherited.
import type Docker from 'dockerode';
import { baseImageOf } from '../../agent/policy/base-image';
import type { BaseImageDto } from '../contract/index';
import type { BaseImagesRepo, StoredBaseImage } from '../db/repos/base-images-repo';
import type { ScansRepo } from '../db/repos/scans-repo';
import type { InventoryLayer } from '../../agent/scan/scan-image';
import { ApiError } from '../api/errors';

export class BaseImages {
  constructor(
    private readonly repo: BaseImagesRepo,
    private readonly scans: ScansRepo,
    private readonly docker: () => Docker,
  ) {}

  list(): BaseImageDto[] {
    return this.repo.list().map(toDto);
  }

  /** Declares an image of the local daemon as a base image, by tag or id. */
  async addFromDaemon(ref: string): Promise<BaseImageDto> {
    let info: Docker.ImageInspectInfo;
    try {
      info = await this.docker().getImage(ref).inspect();
    } catch (err) {
      const e = err as { statusCode?: number; message?: string };
      if (e.statusCode === 404) throw new ApiError('not_found', `no image "${ref}" in the Docker daemon`);
      throw new ApiError('unavailable', `cannot read image "${ref}" from the Docker daemon: ${e.message}`);
    }
    const diffIds = info.RootFS?.Layers ?? [];
    if (diffIds.length === 0) throw new ApiError('bad_request', `image "${ref}" has no layers`);
    const name = info.RepoTags?.find((t) => t !== '<none>:<none>') ?? ref;
    return toDto(this.repo.add(name, info.Id, diffIds));
  }

  /** Declares the image a finished scan read (deployed or CI) as a base image. */
  addFromScan(scanId: number): BaseImageDto {
    const row = this.scans.get(scanId);
    if (!row) throw new ApiError('not_found', `no scan with id ${scanId}`);
    if (row.kind === 'host') throw new ApiError('bad_request', `scan ${scanId} is of a host, not an image`);
    if (row.status !== 'done') throw new ApiError('bad_request', `scan ${scanId} has not finished`);
    const diffIds = (JSON.parse(row.layers_json) as InventoryLayer[])
      .slice()
      .sort((a, b) => a.index - b.index)
      .map((l) => l.diffId);
    if (diffIds.length === 0) throw new ApiError('bad_request', `scan ${scanId} recorded no layers`);
    return toDto(this.repo.add(row.ref, row.image_id ?? undefined, diffIds));
  }

  remove(id: number): BaseImageDto[] {
    if (!this.repo.remove(id)) throw new ApiError('not_found', `no base image with id ${id}`);
    return this.list();
  }

  /** The declared base an image (given by its layer diffIDs) is derived from. */
  baseFor(diffIds: readonly string[]): StoredBaseImage | undefined {
    return baseImageOf(diffIds, this.repo.list());
  }
}

function toDto(b: StoredBaseImage): BaseImageDto {
  return { id: b.id, ref: b.ref, imageId: b.imageId, layers: b.diffIds.length, addedAt: b.addedAt };
}
