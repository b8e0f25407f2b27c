export * from './errors';
export * from './canonical';
export * from './rules';
