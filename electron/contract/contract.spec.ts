// Pins the API contract's signatures: a change to a channel's params or result must be made here on purpose.
import { describe, expectTypeOf, it } from 'vitest';
import type {
  AuditDto,
  ConsoleApi,
  DashboardDto,
  EventMap,
  InvokeMap,
  Page,
  DeployedImageDto,
  VersionDto,
} from './index';

describe('API contract', () => {
  it('keeps the channel signatures', () => {
    expectTypeOf<InvokeMap['dashboard:get']['params']>().toEqualTypeOf<Record<string, never>>();
    expectTypeOf<InvokeMap['dashboard:get']['result']>().toEqualTypeOf<DashboardDto>();
    expectTypeOf<InvokeMap['system:version']['result']>().toEqualTypeOf<VersionDto>();
    type ImageSort = 'name' | 'risk' | 'containers' | 'scanned' | 'size';
    expectTypeOf<InvokeMap['images:list']['params']>().toEqualTypeOf<{
      page?: number;
      pageSize?: number;
      search?: string;
      sort?: ImageSort;
      desc?: boolean;
    }>();
    expectTypeOf<InvokeMap['images:list']['parsed']>().toEqualTypeOf<{
      page: number;
      pageSize: number;
      search?: string;
      sort: ImageSort;
      desc: boolean;
    }>();
    expectTypeOf<InvokeMap['images:list']['result']>().toEqualTypeOf<Page<DeployedImageDto>>();
    expectTypeOf<InvokeMap['containers:list']['params']['state']>().toEqualTypeOf<
      'all' | 'running' | 'stopped' | undefined
    >();
    expectTypeOf<InvokeMap['models:relearn']['params']>().toEqualTypeOf<{
      image: string;
      action: 'start' | 'stop';
    }>();
    expectTypeOf<InvokeMap['models:setLearning']['params']>().toEqualTypeOf<{
      image: string;
      seconds: number | null;
    }>();
    expectTypeOf<InvokeMap['runtime:settings']['params']>().toEqualTypeOf<{
      learningSeconds?: number;
      archiveDeleteSeconds?: number;
    }>();
    expectTypeOf<InvokeMap['audits:list']['params']['kind']>().toEqualTypeOf<
      'process' | 'listen' | 'outbound' | 'dns' | 'file-system' | undefined
    >();
  });

  it('keeps the event topics', () => {
    expectTypeOf<keyof EventMap>().toEqualTypeOf<
      | 'dashboard:changed'
      | 'docker:state'
      | 'docker:event'
      | 'scan:progress'
      | 'scan:finished'
      | 'feeds:changed'
      | 'audit:new'
    >();
    expectTypeOf<EventMap['audit:new']>().toEqualTypeOf<AuditDto[]>();
    expectTypeOf<EventMap['dashboard:changed']>().toEqualTypeOf<DashboardDto>();
    expectTypeOf<ConsoleApi['invoke']>().parameter(0).toEqualTypeOf<keyof InvokeMap>();
  });
});
