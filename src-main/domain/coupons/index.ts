export * from './offers';
export * from './best';
export * from './coupon-index';
