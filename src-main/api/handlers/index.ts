import type { Services } from '../../services';
import { staffHandlers } from './staff';
import { systemHandlers } from './system';
import { demoHandlers, devicesHandlers } from './devices';
import { lockersHandlers } from './lockers';
import { fuelHandlers } from './fuel';
import { paymentsHandlers } from './payments';
import { receiptsHandlers } from './receipts';
import { syncHandlers } from './sync';
import { catalogHandlers } from './catalog';
import { setupHandlers } from './setup';
import { settlementHandlers } from './settlement';
import { pointsHandlers } from './points';
import { memberCardsHandlers, membersHandlers } from './member-cards';
import { shopHandlers } from './shop';
import { couponsHandlers } from './coupons';
import type { AllHandlers } from './types';

/** Every handler; the type makes a contract method without a handler a compile error. */
export function createHandlers(s: Services): AllHandlers {
  return { ...staffHandlers(s), ...systemHandlers(s), ...devicesHandlers(s), ...demoHandlers(s), ...lockersHandlers(s), ...fuelHandlers(s), ...paymentsHandlers(s), ...receiptsHandlers(s), ...syncHandlers(s), ...catalogHandlers(s), ...setupHandlers(s), ...settlementHandlers(s), ...pointsHandlers(s), ...membersHandlers(s), ...memberCardsHandlers(s), ...shopHandlers(s), ...couponsHandlers(s) };
}
