import { useEffect, useState, type JSX } from 'react';
import { minutesToSeconds } from '../../lib/minutes';
import type { ModelDetailDto } from '../../../../electron/contract/index';
import { useStore } from '../../store/index';

/** This model's own learning period (minutes here, seconds in the API), or the global one. */
export function ModelLearningForm({ m }: { m: ModelDetailDto }): JSX.Element {
  const save = useStore((s) => s.setModelLearning);
  const [minutes, setMinutes] = useState('');
  const own = m.ownLearningSeconds;
  // Refill only when the stored value changes, not on every 3-second reload while the user types.
  useEffect(() => setMinutes(own === undefined ? '' : String(own / 60)), [own]);
  const seconds = minutesToSeconds(minutes);
  const valid = seconds !== undefined;
  return (
    <form
      className="toolbar"
      data-testid="model-learning-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) void save(m.id, seconds);
      }}
    >
      <label>
        Learning period of this model (minutes){' '}
        <input
          aria-label="Model learning period in minutes"
          placeholder={`global: ${m.learningSeconds / 60}`}
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
          inputMode="decimal"
        />
      </label>
      <button type="submit" disabled={!valid}>
        Save
      </button>
      {own !== undefined && (
        <button type="button" onClick={() => void save(m.id, null)}>
          Use the global period
        </button>
      )}
      <span className="muted" data-testid="model-learning-source">
        {' '}
        {own !== undefined
          ? `own period: ${own / 60} min`
          : `follows the global period (${m.learningSeconds / 60} min)`}
      </span>
    </form>
  );
}
