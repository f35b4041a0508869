// One handler per channel; the mapped type makes a missing or mistyped handler a compile error.
import os from 'node:os';
import type { Channel, InvokeMap } from '../contract/index';
import type { Services } from '../main/compose';
import { catalog, templateCheckIds, templates } from '../../agent/compliance/catalog';

export type Handler<C extends Channel> = (params: InvokeMap[C]['parsed']) => Promise<InvokeMap[C]['result']>;
export type Handlers = { [C in Channel]: Handler<C> };

export function createHandlers(s: Services): Handlers {
  return {
    'system:version': async () => s.system.version(),
    'dashboard:get': async () => s.docker.dashboard(),
    'images:list': async (p) => s.deployed.list(p.page, p.pageSize, p.search, p.sort, p.desc),
    'containers:list': async (p) => s.docker.containers(p.page, p.pageSize, p.state, p.search),
    'events:recent': async (p) => s.docker.recentEvents(p.limit),
    'scans:list': async (p) => s.scanQueries.list(p.kind, p.page, p.pageSize),
    'scans:get': async (p) => s.scanQueries.get(p.id),
    'scans:vulns': async (p) => s.scanQueries.vulns(p.id, p),
    'scans:packages': async (p) => s.scanQueries.packages(p.id, p),
    'feeds:list': async () => ({ ...s.intel.feeds(), lastUpdate: s.customFeeds.lastUpdate() }),
    'customVulns:list': async () => s.customFeeds.list(),
    'customVulns:save': async (p) => s.customFeeds.save(p.entries),
    'feeds:upload': async (p) =>
      s.customFeeds.importUpload(p.fileName, Buffer.from(p.contentBase64, 'base64')),
    'malware:list': async () => s.malware.list(),
    'malware:upload': async (p) => s.malware.save(p.fileName, Buffer.from(p.contentBase64, 'base64')),
    'malware:clamscan': async (p) => s.malware.clamscan(p.enabled),
    'malware:delete': async (p) => {
      s.malware.remove(p.name);
      return s.malware.list();
    },
    'compliance:containers': async () => s.runtimeCompliance.containers(),
    'compliance:container': async (p) => s.runtimeCompliance.container(p.id),
    'compliance:host': async () => s.runtimeCompliance.host(),
    'compliance:catalog': async () => ({
      templates: templates.map((t) => ({
        id: t.id,
        name: t.name,
        checks: templateCheckIds(t.id),
        notCheckable: t.notCheckable ?? [],
      })),
      checks: catalog.map((c) => ({ id: c.id, title: c.title, kind: c.kind, severity: c.severity })),
    }),
    'feeds:importPath': async (p) => s.customFeeds.importPath(p.path),
    'feeds:update': async (p) => s.customFeeds.updateFromMirror(p.mirror),
    'scans:compliance': async (p) => s.scanQueries.compliance(p.id),
    'scans:fixes': async (p) => s.scanQueries.fixes(p.id),
    'ci:policy': async (p) => s.ci.policy({ image: p.image, host: p.host }),
    'ci:rules': async () => s.ci.rules.list(),
    'ci:settings': async (p) => {
      if (p.keepResults !== undefined) s.ci.setKeepResults(p.keepResults);
      return { keepResults: s.ci.keepResults() };
    },
    'ci:setRules': async (p) => s.ci.rules.replace(p.rules),
    'ci:publish': async (p) => s.ci.publish(p),
    'collections:list': async () => s.collections.list(),
    'collections:save': async (p) => s.collections.save(p),
    'collections:delete': async (p) => s.collections.delete(p.id),
    'tags:list': async () => s.vulnTags.tags(),
    'tags:save': async (p) => s.vulnTags.saveTag(p),
    'tags:delete': async (p) => s.vulnTags.deleteTag(p.id),
    'vulnTags:list': async (p) => s.vulnTags.assignments(p.vulnId),
    'vulnTags:assign': async (p) => s.vulnTags.assign(p),
    'vulnTags:remove': async (p) => s.vulnTags.unassign(p.id),
    'vulnRules:addException': async (p) => s.exceptions.add(p),
    'hosts:scan': async () => ({ scanId: s.scans.scan(os.hostname(), 'host').id }),
    'images:scan': async (p) => ({ scanId: s.scans.scan(p.ref, 'deployed').id }),
    'runtime:status': async () => s.runtime.status(),
    'runtime:settings': async (p) => s.models.settings(p),
    'models:list': async (p) => s.models.list(p.page, p.pageSize, p.state, p.search),
    'models:get': async (p) => s.models.get(p.id),
    'models:relearn': async (p) => s.models.relearn(p.image, p.action),
    'models:setLearning': async (p) => s.models.setLearning(p.image, p.seconds),
    'radar:get': async (p) => s.radar.graph(p.windowHours),
    'audits:list': async (p) => s.models.audits(p),
    'vulnRules:list': async (p) => s.ci.rules.vulnRules(p.kind),
    'vulnRules:set': async (p) => s.ci.rules.setVulnRules(p.kind, p.rules),
    'complianceRules:list': async (p) => s.ci.rules.complianceRules(p.kind),
    'complianceRules:set': async (p) => s.ci.rules.setComplianceRules(p.kind, p.rules),
    'baseImages:list': async () => s.baseImages.list(),
    'baseImages:add': async (p) =>
      p.scanId !== undefined ? s.baseImages.addFromScan(p.scanId) : s.baseImages.addFromDaemon(p.ref!),
    'baseImages:remove': async (p) => s.baseImages.remove(p.id),
    'system:info': async () => s.system.info(),
    'system:backup': async () => s.system.keepBackup(),
  } satisfies Handlers;
}
