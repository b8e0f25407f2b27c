export * from './conversion';
export * from './prices';
export * from './location';
export * from './order-state';
