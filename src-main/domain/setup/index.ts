export * from './csv';
export * from './rows';
export * from './checklist';
export * from './local-time';
