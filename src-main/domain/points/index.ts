export * from './rules';
export * from './plan';
export * from './boarding-pass';
export * from './services';
export * from './choices';
