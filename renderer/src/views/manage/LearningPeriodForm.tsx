import { useEffect, type JSX } from 'react';
import { PeriodForm } from '../../components/PeriodForm';
import { minutesToSeconds } from '../../lib/minutes';
import { useStore } from '../../store/index';

/** The global learning period of new and relearning models (minutes here, seconds in the API). */
export function LearningPeriodForm(): JSX.Element {
  const settings = useStore((s) => s.runtimeSettings);
  const load = useStore((s) => s.loadRuntimeSettings);
  const save = useStore((s) => s.saveLearningSeconds);
  useEffect(() => void load(), [load]);
  return (
    <PeriodForm
      className="card toolbar"
      testId="learning-form"
      label="Learning period (minutes)"
      ariaLabel="Learning period in minutes"
      stored={
        settings ? String((settings.storedLearningSeconds ?? settings.learningSeconds) / 60) : undefined
      }
      toSeconds={minutesToSeconds}
      onSave={(seconds) => void save(seconds)}
    >
      {settings?.learningSource === 'MOAT_LEARNING_SECONDS' && (
        <span className="muted">
          {' '}
          MOAT_LEARNING_SECONDS={settings.learningSeconds} overrides this setting.
        </span>
      )}
      {settings?.learningSource === 'setting' && (
        <span className="muted" data-testid="learning-applied">
          {' '}
          In effect: {settings.learningSeconds / 60} min, also for models learning now (except those with
          their own period).
        </span>
      )}
    </PeriodForm>
  );
}
