import type { JSX } from 'react';
import { PeriodForm } from '../../components/PeriodForm';
import { minutesToSeconds } from '../../lib/minutes';
import type { ModelDetailDto } from '../../../../electron/contract/index';
import { useStore } from '../../store/index';

/** This model's own learning period (minutes here, seconds in the API), or the global one. */
export function ModelLearningForm({ m }: { m: ModelDetailDto }): JSX.Element {
  const save = useStore((s) => s.setModelLearning);
  const own = m.ownLearningSeconds;
  return (
    <PeriodForm
      className="toolbar"
      testId="model-learning-form"
      label="Learning period of this model (minutes)"
      ariaLabel="Model learning period in minutes"
      placeholder={`global: ${m.learningSeconds / 60}`}
      stored={own === undefined ? '' : String(own / 60)}
      toSeconds={minutesToSeconds}
      onSave={(seconds) => void save(m.id, seconds)}
    >
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
    </PeriodForm>
  );
}
