export * from './amount-reading';
