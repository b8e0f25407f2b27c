export { CatalogService, type ItemInput, type ItemView, type OutletInput } from './catalog-service';
export type { CatalogStore } from './catalog-store';
export type { CatalogEvent } from './catalog-events';
