// Runtime list of channel and topic names, for the transports that must refuse unknown ones (preload, HTTP).
import type { Channel, Topic } from '../contract/index';

export const CHANNELS = [
  'system:version',
  'dashboard:get',
  'images:list',
  'containers:list',
  'events:recent',
  'scans:list',
  'scans:get',
  'scans:vulns',
  'scans:packages',
  'images:scan',
  'hosts:scan',
  'feeds:list',
  'customVulns:list',
  'customVulns:save',
  'feeds:upload',
  'feeds:importPath',
  'feeds:update',
  'malware:list',
  'malware:upload',
  'malware:delete',
  'malware:clamscan',
  'compliance:containers',
  'compliance:container',
  'compliance:host',
  'compliance:catalog',
  'scans:compliance',
  'scans:fixes',
  'ci:policy',
  'ci:rules',
  'ci:settings',
  'ci:setRules',
  'ci:publish',
  'collections:list',
  'collections:save',
  'collections:delete',
  'tags:list',
  'tags:save',
  'tags:delete',
  'vulnTags:list',
  'vulnTags:assign',
  'vulnTags:remove',
  'vulnRules:addException',
  'runtime:status',
  'runtime:settings',
  'models:list',
  'models:get',
  'models:relearn',
  'models:setLearning',
  'audits:list',
  'radar:get',
  'vulnRules:list',
  'vulnRules:set',
  'complianceRules:list',
  'complianceRules:set',
  'baseImages:list',
  'baseImages:add',
  'baseImages:remove',
  'system:info',
  'system:backup',
] as const satisfies readonly Channel[];

export const TOPICS = [
  'dashboard:changed',
  'docker:state',
  'docker:event',
  'scan:progress',
  'scan:finished',
  'feeds:changed',
  'audit:new',
] as const satisfies readonly Topic[];

// Compile-time completeness: a channel or topic declared in the contract but missing here fails the type check.
type Covers<All extends string, Listed extends readonly string[]> = [Exclude<All, Listed[number]>] extends [
  never,
]
  ? true
  : false;
export const ALL_CHANNELS_LISTED: Covers<Channel, typeof CHANNELS> = true;
export const ALL_TOPICS_LISTED: Covers<Topic, typeof TOPICS> = true;

export function isChannel(name: string): name is Channel {
  return (CHANNELS as readonly string[]).includes(name);
}
