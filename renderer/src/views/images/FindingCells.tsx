import type { JSX } from 'react';
import type { VulnRowDto } from '../../../../electron/contract/index';
import { useStore } from '../../store/index';
import { TagChip } from '../../components/TagChip';
import type { FindingAction } from './FindingActions';

/** The tags on a finding (each removable) and its Tag / Exception buttons: the last cells of a findings row. */
export function FindingCells(props: { finding: VulnRowDto; onAction(a: FindingAction): void }): JSX.Element {
  const untag = useStore((s) => s.untagFinding);
  const v = props.finding;
  return (
    <>
      <td data-testid="finding-tags">
        {(v.tags ?? []).map((t) => (
          <TagChip
            key={t.id}
            name={t.tag}
            colour={t.colour}
            title={`${t.comment ? `${t.comment} — ` : ''}${t.author}, ${new Date(t.createdAt).toLocaleString()}${
              t.package ? ` · only ${t.package}` : ''
            }${t.image ? ` · only ${t.image}` : ''}`}
            onRemove={() => void untag(t.id)}
          />
        ))}
      </td>
      <td className="nowrap">
        <button aria-label={`tag ${v.id} ${v.packageName}`} onClick={() => props.onAction('tag')}>
          Tag
        </button>{' '}
        <button
          aria-label={`add exception for ${v.id} ${v.packageName}`}
          onClick={() => props.onAction('exception')}
        >
          Exception
        </button>
      </td>
    </>
  );
}
