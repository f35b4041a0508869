import { useState, type JSX } from 'react';
import type { VulnRowDto } from '../../../../electron/contract/index';
import { useStore } from '../../store/index';

export type FindingAction = 'tag' | 'exception';

/** The form under a finding: put a tag on it (with a comment), or add an exception to the rule that applies. */
export function FindingActions(props: {
  finding: VulnRowDto;
  action: FindingAction;
  scanId: number;
  imageRef: string;
  onDone(): void;
}): JSX.Element {
  const { finding, action } = props;
  const tags = useStore((s) => s.vulnTagDefs);
  const tagFinding = useStore((s) => s.tagFinding);
  const addException = useStore((s) => s.addException);
  const [tag, setTag] = useState(tags?.[0]?.name ?? '');
  const [comment, setComment] = useState('');
  const [thisPackage, setThisPackage] = useState(true);
  const [thisImage, setThisImage] = useState(action === 'tag');
  const [expires, setExpires] = useState('');
  const submit = async (): Promise<void> => {
    const pkg = thisPackage ? finding.packageName : undefined;
    const ok =
      action === 'tag'
        ? await tagFinding({
            tag,
            vulnId: finding.id,
            package: pkg,
            image: thisImage ? props.imageRef : undefined,
            comment,
          })
        : await addException({
            scanId: props.scanId,
            vulnId: finding.id,
            package: pkg,
            expires: expires || undefined,
            reason: comment || undefined,
          });
    if (ok) props.onDone();
  };
  return (
    <form
      className="toolbar finding-actions"
      data-testid={`${action}-form`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <strong>{action === 'tag' ? `Tag ${finding.id}` : `Exception for ${finding.id}`}</strong>
      {action === 'tag' && (
        <select aria-label="tag" value={tag} onChange={(e) => setTag(e.target.value)}>
          {(tags ?? []).map((t) => (
            <option key={t.id} value={t.name}>
              {t.name}
            </option>
          ))}
        </select>
      )}
      <label>
        <input type="checkbox" checked={thisPackage} onChange={(e) => setThisPackage(e.target.checked)} />{' '}
        only {finding.packageName}
      </label>
      {action === 'tag' && (
        <label>
          <input type="checkbox" checked={thisImage} onChange={(e) => setThisImage(e.target.checked)} /> only
          this image
        </label>
      )}
      {action === 'exception' && (
        <label>
          expires{' '}
          <input
            type="date"
            aria-label="expires"
            value={expires}
            onChange={(e) => setExpires(e.target.value)}
          />
        </label>
      )}
      <input
        aria-label={action === 'tag' ? 'comment' : 'reason'}
        placeholder={action === 'tag' ? 'comment' : 'reason'}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      <button className="primary" type="submit" disabled={action === 'tag' && !tag}>
        {action === 'tag' ? 'Add tag' : 'Add exception'}
      </button>
      <button type="button" onClick={props.onDone}>
        Cancel
      </button>
    </form>
  );
}
