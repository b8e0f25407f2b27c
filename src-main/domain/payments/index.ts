export * from './tenders';
export * from './plan';
