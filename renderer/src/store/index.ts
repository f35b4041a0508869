// One zustand store assembled from slices.
import { create } from 'zustand';
import { createDashboardSlice, type DashboardSlice } from './slices/dashboard-slice';
import { createImagesSlice, type ImagesSlice } from './slices/images-slice';
import { createRouteSlice, type RouteSlice } from './slices/route-slice';
import { createCiSlice, type CiSlice } from './slices/ci-slice';
import { createRuntimeSlice, type RuntimeSlice } from './slices/runtime-slice';
import { createFeedsSlice, type FeedsSlice } from './slices/feeds-slice';
import { createComplianceSlice, type ComplianceSlice } from './slices/compliance-slice';
import { createRulesSlice, type RulesSlice } from './slices/rules-slice';
import { createCollectionsSlice, type CollectionsSlice } from './slices/collections-slice';
import { createVulnRulesSlice, type VulnRulesSlice } from './slices/vuln-rules-slice';
import { createBaseImagesSlice, type BaseImagesSlice } from './slices/base-images-slice';
import { createSystemSlice, type SystemSlice } from './slices/system-slice';
import { createRadarSlice, type RadarSlice } from './slices/radar-slice';

export type AppState = DashboardSlice &
  CollectionsSlice &
  RouteSlice &
  ImagesSlice &
  CiSlice &
  RuntimeSlice &
  FeedsSlice &
  ComplianceSlice &
  RulesSlice &
  VulnRulesSlice &
  BaseImagesSlice &
  SystemSlice &
  RadarSlice;

export const useStore = create<AppState>()((...a) => ({
  ...createDashboardSlice(...a),
  ...createCollectionsSlice(...a),
  ...createRouteSlice(...a),
  ...createImagesSlice(...a),
  ...createCiSlice(...a),
  ...createRuntimeSlice(...a),
  ...createFeedsSlice(...a),
  ...createComplianceSlice(...a),
  ...createRulesSlice(...a),
  ...createVulnRulesSlice(...a),
  ...createBaseImagesSlice(...a),
  ...createSystemSlice(...a),
  ...createRadarSlice(...a),
}));
