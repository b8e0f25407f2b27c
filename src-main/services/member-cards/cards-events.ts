import type { EventProjector } from '../../ledger';
import type { CardsStore, MovementRow } from './cards-store';

/**
 * Member cards in business terms (version 1 of the `memberCard.*` events). The projector is the
 * only writer of `member_card_movement`, live and on replay.
 * - `memberCard.card.opened`: a card sold at this counter (its price, if any, in this entry's ops);
 * - `memberCard.recharge.made`: money paid in at this counter for a stored-value card (the server
 *   already credited the card under the same command id);
 * - `memberCard.redemption.made`: value taken from a card for a sale here (held on the server under
 *   the same command id); `captured` / `captureFailed`: the server's capture of that hold;
 * - `memberCard.phonePayment.received`: a member paid from their phone (pushed by the server,
 *   journaled once under the phone's command id);
 * - `memberCard.payment.reversed`: a manager gave a redemption or phone payment back.
 */
export type MemberCardEvent =
  | { type: 'memberCard.card.opened'; movement: Omit<MovementRow, 'updatedAt'> }
  | { type: 'memberCard.recharge.made'; movement: Omit<MovementRow, 'updatedAt'> }
  | { type: 'memberCard.redemption.made'; movement: Omit<MovementRow, 'updatedAt'> }
  | { type: 'memberCard.redemption.captured'; commandId: string; paidAfter: number; bonusAfter: number; usesAfter: number }
  | { type: 'memberCard.redemption.captureFailed'; commandId: string; problem: string }
  | { type: 'memberCard.phonePayment.received'; movement: Omit<MovementRow, 'updatedAt'> }
  | { type: 'memberCard.payment.reversed'; commandId: string; reversalCommandId: string; reversalTransferId: string; paidAfter: number; bonusAfter: number; usesAfter: number };

export function memberCardProjector(store: CardsStore): EventProjector {
  return (raw, at) => {
    const e = raw as MemberCardEvent;
    switch (e.type) {
      case 'memberCard.card.opened':
      case 'memberCard.recharge.made':
      case 'memberCard.redemption.made':
      case 'memberCard.phonePayment.received':
        store.insert({ ...e.movement, updatedAt: at });
        return;
      case 'memberCard.redemption.captured':
        store.update(e.commandId, { captureState: 'captured', captureProblem: null, paidAfter: e.paidAfter, bonusAfter: e.bonusAfter, usesAfter: e.usesAfter }, at);
        return;
      case 'memberCard.redemption.captureFailed':
        store.update(e.commandId, { captureState: 'failed', captureProblem: e.problem }, at);
        return;
      case 'memberCard.payment.reversed':
        store.update(e.commandId, { state: 'reversed', reversalCommandId: e.reversalCommandId, reversalTransferId: e.reversalTransferId, paidAfter: e.paidAfter, bonusAfter: e.bonusAfter, usesAfter: e.usesAfter }, at);
        return;
      default:
        throw new Error(`unknown member card event ${(e as { type: string }).type}`);
    }
  };
}
