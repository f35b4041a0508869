import { useEffect, type JSX } from 'react';
import { subscribeToConsole } from './store/subscriptions';
import { useStore } from './store/index';
import { DashboardView } from './views/dashboard/DashboardView';
import { ImagesView } from './views/images/ImagesView';
import { ImageDetailView, tabFromRoute } from './views/images/ImageDetailView';
import { ComplianceScansView } from './views/compliance/ComplianceScansView';
import { CustomChecksView } from './views/defend/CustomChecksView';
import { RuntimeDefendView } from './views/defend/RuntimeDefendView';
import { Nav } from './components/Nav';
import { RadarView } from './views/radar/RadarView';
import { CiScansView } from './views/ci/CiScansView';
import { HostsView } from './views/hosts/HostsView';
import { ModelsView } from './views/runtime/ModelsView';
import { ModelDetailView } from './views/runtime/ModelDetailView';
import { ContainerAuditsView } from './views/audits/ContainerAuditsView';
import { DefendersView } from './views/manage/DefendersView';
import { FeedsView } from './views/feeds/FeedsView';
import { CollectionsView } from './views/manage/CollectionsView';
import { RulesView } from './views/defend/RulesView';
import { VulnRulesView } from './views/defend/VulnRulesView';
import { BaseImagesView } from './views/defend/BaseImagesView';
import { SystemView } from './views/manage/SystemView';
import { RuntimeComplianceView } from './views/compliance/RuntimeComplianceView';

function Screen({ route }: { route: string[] }): JSX.Element {
  const path = route.join('/');
  if (path.startsWith('radar')) return <RadarView />;
  if (path.startsWith('monitor/runtime/models'))
    return route[3] ? <ModelDetailView id={route[3]} /> : <ModelsView />;
  if (path.startsWith('monitor/events/audits')) return <ContainerAuditsView />;
  if (path.startsWith('manage/defenders')) return <DefendersView />;
  if (path.startsWith('manage/feeds')) return <FeedsView />;
  if (path.startsWith('manage/collections')) return <CollectionsView />;
  if (path.startsWith('defend/rules'))
    return <RulesView kind={route[2] === 'deployed' ? 'deployed' : route[2] === 'hosts' ? 'host' : 'ci'} />;
  if (path.startsWith('defend/custom-checks')) return <CustomChecksView />;
  if (path.startsWith('defend/runtime')) return <RuntimeDefendView />;
  if (path.startsWith('defend/vulnerabilities/base-images')) return <BaseImagesView />;
  if (path.startsWith('defend/vulnerabilities'))
    return (
      <VulnRulesView kind={route[2] === 'deployed' ? 'deployed' : route[2] === 'hosts' ? 'host' : 'ci'} />
    );
  if (path.startsWith('manage/system')) return <SystemView />;
  if (path.startsWith('monitor/compliance/images')) return <ComplianceScansView what="images" />;
  if (path.startsWith('monitor/compliance/ci')) return <ComplianceScansView what="ci" />;
  if (path.startsWith('monitor/compliance/containers')) return <RuntimeComplianceView what="containers" />;
  if (path.startsWith('monitor/compliance/hosts')) return <RuntimeComplianceView what="hosts" />;
  if (path.startsWith('monitor/vulnerabilities/hosts')) {
    const id = Number(route[3]);
    return Number.isInteger(id) && id > 0 ? (
      <ImageDetailView scanId={id} back="hosts" initialTab={tabFromRoute(route[4])} />
    ) : (
      <HostsView />
    );
  }
  if (path.startsWith('monitor/vulnerabilities/ci')) {
    const id = Number(route[3]);
    return Number.isInteger(id) && id > 0 ? (
      <ImageDetailView scanId={id} back="ci" initialTab={tabFromRoute(route[4])} />
    ) : (
      <CiScansView />
    );
  }
  if (path.startsWith('monitor/vulnerabilities/images')) {
    const id = Number(route[3]);
    return Number.isInteger(id) && id > 0 ? (
      <ImageDetailView scanId={id} initialTab={tabFromRoute(route[4])} />
    ) : (
      <ImagesView />
    );
  }
  return <DashboardView />;
}

export function App(): JSX.Element {
  const route = useStore((s) => s.route);
  useEffect(() => subscribeToConsole(), []);
  return (
    <div className="shell">
      <Nav route={route} />
      <main className="content">
        <Screen route={route} />
      </main>
    </div>
  );
}
