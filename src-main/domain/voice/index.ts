export * from './amount-reading';
export * from './announcement';
