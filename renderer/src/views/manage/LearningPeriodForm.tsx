import { useEffect, useState, type JSX } from 'react';
import { minutesToSeconds } from '../../lib/minutes';
import { useStore } from '../../store/index';

/** The global learning period of new and relearning models (minutes here, seconds in the API). */
export function LearningPeriodForm(): JSX.Element {
  const settings = useStore((s) => s.runtimeSettings);
  const load = useStore((s) => s.loadRuntimeSettings);
  const save = useStore((s) => s.saveLearningSeconds);
  const [minutes, setMinutes] = useState('');
  useEffect(() => void load(), [load]);
  useEffect(() => {
    if (settings) setMinutes(String((settings.storedLearningSeconds ?? settings.learningSeconds) / 60));
  }, [settings]);
  const seconds = minutesToSeconds(minutes);
  const valid = seconds !== undefined;
  return (
    <form
      className="card toolbar"
      data-testid="learning-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) void save(seconds);
      }}
    >
      <label>
        Learning period (minutes){' '}
        <input
          aria-label="Learning period in minutes"
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
          inputMode="decimal"
        />
      </label>
      <button type="submit" disabled={!valid}>
        Save
      </button>
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
    </form>
  );
}
