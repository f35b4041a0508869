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

export type AppState = DashboardSlice &
  RouteSlice &
  ImagesSlice &
  CiSlice &
  RuntimeSlice &
  FeedsSlice &
  ComplianceSlice &
  RulesSlice;

export const useStore = create<AppState>()((...a) => ({
  ...createDashboardSlice(...a),
  ...createRouteSlice(...a),
  ...createImagesSlice(...a),
  ...createCiSlice(...a),
  ...createRuntimeSlice(...a),
  ...createFeedsSlice(...a),
  ...createComplianceSlice(...a),
  ...createRulesSlice(...a),
}));
