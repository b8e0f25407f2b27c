// A prepaid fuel order's life. Payment comes first; only a paid order is sent to the pump.
//
//   paid --released--> released --filling--> dispensing --ended--> completed | refunded
//     |                    |                                          (underrun: difference refunded)
//     |                    +--ended (nothing or part dispensed)--> completed | refunded
//     +--refused (controller refused or offline)--> reversed (payment reversed)
//     +--fault (the reversal itself failed)--> failed (a manager must look)

export type OrderState = 'paid' | 'released' | 'dispensing' | 'completed' | 'refunded' | 'reversed' | 'failed';

export type OrderEvent = 'released' | 'refused' | 'fault' | 'filling' | 'ended-full' | 'ended-short';

const NEXT: Record<OrderState, Partial<Record<OrderEvent, OrderState>>> = {
  paid: { released: 'released', refused: 'reversed', fault: 'failed' },
  released: { filling: 'dispensing', 'ended-full': 'completed', 'ended-short': 'refunded', fault: 'failed' },
  dispensing: { filling: 'dispensing', 'ended-full': 'completed', 'ended-short': 'refunded', fault: 'failed' },
  completed: {},
  refunded: {},
  reversed: {},
  failed: {},
};

export const FINAL_STATES: readonly OrderState[] = ['completed', 'refunded', 'reversed', 'failed'];
/** An order holding its pump: a new order on that pump waits until it ends. */
export const ACTIVE_STATES: readonly OrderState[] = ['paid', 'released', 'dispensing'];

/** The state after `event`, or undefined when the event does not apply (it is ignored, never guessed). */
export function nextState(state: OrderState, event: OrderEvent): OrderState | undefined {
  return NEXT[state][event];
}

export function isFinal(state: OrderState): boolean {
  return FINAL_STATES.includes(state);
}
