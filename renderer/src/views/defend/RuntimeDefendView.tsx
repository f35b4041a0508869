import { useEffect, type JSX } from 'react';
import { useStore } from '../../store/index';
import { LearningPeriodForm } from '../manage/LearningPeriodForm';
import { RuntimeOffNotice } from '../manage/RuntimeOffNotice';

/** Defend › Runtime: how container models learn (the allow lists runtime defense compares behaviour with). */
export function RuntimeDefendView(): JSX.Element {
  const status = useStore((s) => s.runtimeStatus);
  const loadStatus = useStore((s) => s.loadRuntimeStatus);
  useEffect(() => void loadStatus(), [loadStatus]);
  return (
    <section>
      <h1>Defend › Runtime</h1>
      <p className="muted">
        Each image gets a container model learned from what its containers do during the learning period;
        afterwards, any process, listening port, outbound connection, DNS name or file write outside the model
        is a <a href="#/monitor/events/audits">container audit</a>. Review and relearn models in{' '}
        <a href="#/monitor/runtime/models">Monitor › Runtime › Container models</a>.
      </p>
      {status && <RuntimeOffNotice status={status} />}
      <LearningPeriodForm />
    </section>
  );
}
