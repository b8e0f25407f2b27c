export { PaymentsService, type Credit } from './payments-service';
export { mergeLegacyTenders } from './legacy-tenders';
