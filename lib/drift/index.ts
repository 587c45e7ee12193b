// Isomorphic, dependency-free data drift statistics following Evidently's defaults, with the
// p-values and distances scipy computes (see scripts/reference-drift/generate.py).
export * from './drift';
export * from './numeric';
export * from './categorical';
export * from './shares';
export { type RowGroups, type WindowDriftResult, type GroupDriftResult } from './placement';
