// Isomorphic, dependency-free metrics shared by the evaluation Web Worker and the server.
export * from './binary';
export * from './multiclass';
export * from './regression';
export * from './slices';
;
;
