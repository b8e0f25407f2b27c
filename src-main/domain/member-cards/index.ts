export * from './stored-value';
export * from './punch';
