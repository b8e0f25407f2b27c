export * from './member-code';
