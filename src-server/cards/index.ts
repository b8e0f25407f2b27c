import type { FastifyInstance } from 'fastify';
import type { ServerDb } from '../db';
import type { PushHub } from '../reference/push-hub';
import { ValueLedger } from '../value/value-ledger';
import { registerMerchantAdminRoutes } from './admin-routes';
import { registerMerchantBackOffice } from './backoffice-merchants';
import { MemberCodes } from './member-code-key';
import { registerPhonePage } from './phone-page';
import { registerCardTerminalRoutes } from './routes';
import { CardsService } from './service';
import { ConsoleSmsSender, Otps, type SmsSender } from './sms';

/**
 * Member cards on the central server (issue 16): merchants and their QR codes, card products,
 * members' cards on the value ledger, the terminals' routes, the member's phone page and the back
 * office. `sms` is the SMS provider's adapter; without one, codes go to the log (ConsoleSmsSender).
 */
export function registerMemberCards(app: FastifyInstance, db: ServerDb, hub: PushHub, now: () => Date, secureCookies = false, sms: SmsSender = new ConsoleSmsSender(app.log)): CardsService {
  const cards = new CardsService(db, new ValueLedger(db), hub, now);
  const otps = new Otps(db, sms, now);
  const codes = new MemberCodes(db);
  registerCardTerminalRoutes(app, db, cards, otps, codes, now);
  registerMerchantAdminRoutes(app, db, sms, now);
  registerMerchantBackOffice(app, db, cards, now);
  registerPhonePage(app, db, cards, otps, codes, now, secureCookies);
  return cards;
}
