// The one composition root: builds the store, the embedded agent and the services, for Electron and `moat serve` alike.
// It must not import 'electron' so that the headless console can use it.
import path from 'node:path';
import { RadarService } from '../services/radar-service';
import { DockerBridge } from '../../agent/docker/bridge';
import { createDispatch, type Dispatch } from '../api/dispatch';
import { createHandlers } from '../api/handlers';
import { openConsoleDb, type Db } from '../db/connection';
import { DockerEventsRepo } from '../db/repos/docker-events-repo';
import { dataDir as defaultDataDir } from '../paths';
import { DockerService } from '../services/docker-service';
import { EventBus } from '../services/event-bus';
import { readHostInfo } from '../services/host-info';
import { SystemService } from '../services/system-service';
import { ScanService } from '../services/scan-service';
import { ScanQueries } from '../services/scan-queries';
import { DeployedImages } from '../services/deployed-images';
import { IntelService } from '../services/intel-service';
import { CiService } from '../services/ci-service';
import { CustomFeeds } from '../services/custom-feeds';
import {
  MalwareFeeds,
  clamavDatabaseFiles,
  clamscanEnabled,
  malwareListFiles,
} from '../services/malware-feeds';
import { requireClamscan } from '../../agent/compliance/clamav';
import { RuleStore } from '../services/rule-store';
import { CollectionsService } from '../services/collections-service';
import { CollectionsRepo } from '../db/repos/collections-repo';
import { VulnTags } from '../services/vuln-tags';
import { VulnTagsRepo } from '../db/repos/vuln-tags-repo';
import { VulnExceptions } from '../services/vuln-exceptions';
import { BaseImages } from '../services/base-images';
import { BaseImagesRepo } from '../db/repos/base-images-repo';
import { RuntimeCompliance } from '../services/runtime-compliance';
import { SettingsRepo } from '../db/repos/settings-repo';
import { ScansRepo } from '../db/repos/scans-repo';
import { analyzers } from '../../agent/scan/inventory/registry';
import { openDockerDaemon } from '../../agent/scan/image/docker-daemon';
import { moatVersion } from '../version';
import { ModelsRepo } from '../db/repos/models-repo';
import { ModelService, learningPeriod, toAuditDto } from '../services/model-service';
import { RuntimeService } from '../services/runtime-service';
import { ModelLifecycleService } from '../services/model-lifecycle-service';
import { resourcesDir } from '../paths';

export interface Services {
  system: SystemService;
  docker: DockerService;
  scans: ScanService;
  scanQueries: ScanQueries;
  deployed: DeployedImages;
  intel: IntelService;
  ci: CiService;
  customFeeds: CustomFeeds;
  collections: CollectionsService;
  vulnTags: VulnTags;
  exceptions: VulnExceptions;
  malware: MalwareFeeds;
  runtimeCompliance: RuntimeCompliance;
  runtime: RuntimeService;
  models: ModelService;
  baseImages: BaseImages;
  radar: RadarService;
}

export interface Console {
  dataDir: string;
  db: Db;
  bus: EventBus;
  bridge: DockerBridge;
  services: Services;
  dispatch: Dispatch;
  /** Resolves when runtime sensors are up, failed, or not started (off). */
  runtimeReady: Promise<void>;
  close(): void;
}

export interface ComposeOptions {
  dataDir?: string;
  /** Electron's userData, used when MOAT_HOME is not set. */
  electronUserData?: string;
  /** Scan every image in the daemon when first seen (default true; tests turn it off). */
  autoScan?: boolean;
  /** Runtime defense sensors (default on unless MOAT_RUNTIME=off; tests of other areas pass false). */
  runtime?: boolean;
}

export function composeConsole(opts: ComposeOptions = {}): Console {
  const dataDir = opts.dataDir ?? defaultDataDir(opts.electronUserData);
  const version = moatVersion();
  const db = openConsoleDb(path.join(dataDir, 'console.db'));
  const bus = new EventBus();
  const bridge = new DockerBridge();
  const scansRepo = new ScansRepo(db);
  const settings = new SettingsRepo(db);
  // Declared before the scan service so it can match; rematches once the scan service exists.
  let rematch = (): void => undefined;
  const intel = new IntelService(path.join(dataDir, 'intel.db'), () => rematch());
  const collections = new CollectionsService(new CollectionsRepo(db));
  const rules = new RuleStore(settings, (name) => collections.lookup(name));
  collections.rules = rules;
  const vulnTags = new VulnTags(new VulnTagsRepo(db));
  const scans = new ScanService(scansRepo, bus, {
    analyzers,
    malwareLists: () => malwareListFiles(dataDir),
    clamav: () => (clamscanEnabled(dataDir) ? { databases: clamavDatabaseFiles(dataDir) } : null),
    complianceRule: (kind, subject) => rules.complianceRule(kind, subject),
    openSource: (ref) => openDockerDaemon(ref, { docker: bridge.docker }),
    intel: () => intel.intel(),
  });
  const baseImages = new BaseImages(new BaseImagesRepo(db), scansRepo, () => bridge.docker);
  const scanQueries = new ScanQueries(scansRepo, {
    baseFor: (diffIds) => baseImages.baseFor(diffIds),
    vulnRule: (kind, ref) => rules.vulnRule(kind, ref),
    complianceRule: (kind, subject) => rules.complianceRule(kind, subject),
  });
  const modelsRepo = new ModelsRepo(db, (rows) => bus.publish('audit:new', rows.map(toAuditDto)));
  const models = new ModelService(modelsRepo, learningPeriod(settings), settings);
  const runtimeEnabled = opts.runtime ?? process.env.MOAT_RUNTIME !== 'off';
  // Archiving follows Docker, not the sensors: it needs no root, only the same switch as runtime defense.
  const lifecycle = new ModelLifecycleService(bridge, models, modelsRepo);
  const runtime = new RuntimeService(bridge.docker, models, {
    enabled: runtimeEnabled,
    isRoot: process.getuid?.() === 0,
    resourcesDir: resourcesDir(),
  });
  const ci = new CiService(settings, rules, scans, scansRepo);
  const services: Services = {
    system: new SystemService(db, dataDir, version, {
      feeds: () => intel.feeds(),
      intelFile: intel.file,
      settings: () => [
        {
          key: 'ci.keepResults',
          label: 'Keep CI results published by moat images scan',
          value: ci.keepResults(),
        },
        {
          key: 'scan.autoScanDeployed',
          label: 'Scan every image in the daemon when first seen',
          value: settings.get('scan.autoScanDeployed', opts.autoScan ?? true),
        },
        {
          key: 'runtime.learningSeconds',
          label: 'Runtime model learning period (seconds)',
          value: models.learning.seconds,
        },
      ],
    }),
    baseImages,
    docker: new DockerService(bridge, bus, new DockerEventsRepo(db), readHostInfo(), version),
    scans,
    scanQueries,
    intel,
    runtime,
    models,
    ci,
    customFeeds: new CustomFeeds(settings, intel.file),
    malware: new MalwareFeeds(dataDir, () => requireClamscan()),
    collections,
    vulnTags,
    exceptions: new VulnExceptions(scansRepo, rules, (name) => collections.lookup(name)),
    runtimeCompliance: new RuntimeCompliance(bridge, (kind, subject) => rules.complianceRule(kind, subject)),
    radar: new RadarService(bridge, scansRepo, scanQueries, modelsRepo),
    deployed: new DeployedImages(bridge, scans, scansRepo, scanQueries, () =>
      settings.get('scan.autoScanDeployed', opts.autoScan ?? true),
    ),
  };
  scanQueries.tags = vulnTags;
  rematch = () => bus.publish('feeds:changed', { rematched: scans.rematchAll() });
  intel.start();
  services.deployed.start();
  services.docker.start();
  bridge.start();
  const runtimeReady = runtime.start();
  if (runtimeEnabled) void lifecycle.start();
  return {
    dataDir,
    db,
    bus,
    bridge,
    services,
    dispatch: createDispatch(createHandlers(services)),
    runtimeReady,
    close() {
      void runtime.stop();
      lifecycle.stop();
      modelsRepo.close();
      services.docker.stop();
      services.deployed.stop();
      intel.stop();
      bridge.stop();
      db.close();
    },
  };
}
