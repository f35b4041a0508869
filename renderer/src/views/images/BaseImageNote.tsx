import type { JSX } from 'react';
import type { ScanDetailDto } from '../../../../electron/contract/index';
import { useStore } from '../../store/index';

/** Under an image's title: which base it is derived from, or a button to declare it a base image. */
export function BaseImageNote({ detail }: { detail: ScanDetailDto }): JSX.Element | null {
  const add = useStore((s) => s.addBaseImage);
  const status = useStore((s) => s.baseImagesStatus);
  if (detail.kind === 'host' || detail.status !== 'done') return null;
  return (
    <p className="muted" data-testid="base-image-note">
      {detail.baseImage ? (
        <>
          Derived from base image <strong>{detail.baseImage}</strong>: {detail.inherited ?? 0} inherited
          vulnerabilities are not counted here.{' '}
        </>
      ) : null}
      <button onClick={() => void add({ scanId: detail.id })}>Declare as base image</button>
      {status?.message && <span data-testid="base-images-status"> {status.message}</span>}
      {status?.error && (
        <span className="error" data-testid="base-images-error">
          {' '}
          {status.error}
        </span>
      )}
    </p>
  );
}
