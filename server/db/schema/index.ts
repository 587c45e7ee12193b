export * from './users';
export * from './audit';
export * from './settings';
export * from './jobs';
export * from './catalog';
export * from './api-tokens';
export * from './evaluations';
export * from './releases';
