export * from './business-day';
export * from './cash-count';
export * from './report';
export * from './report-paper';
export * from './dashboard';
