import { useEffect, useRef } from 'react';
import { v7 as uuidv7 } from 'uuid';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../src-main/api/contract';
import { usePos } from '../../app/pos-context';
import { PosApiError, subscribe } from '../../bridge/client';
import { formatMoney, parseMoney } from '../../format/money';

export type Overview = MethodOutput<'lockers.overview'>;
export type PartyLookup = MethodOutput<'lockers.lookup'>;

/**
 * The command id of one money-changing action: made once when the cashier starts the action,
 * REUSED when the same confirmation is sent again (a retry or a double click), replaced after success.
 */
export function useCommandId() {
  const id = useRef<string | null>(null);
  return {
    get: () => (id.current ??= uuidv7()),
    done: () => {
      id.current = null;
    },
    /** A refusal stored nothing, so the next try is a new action; a lost reply keeps the id for the retry. */
    failed: (e: unknown) => {
      if (!(e instanceof PosApiError) || e.code === 'TIMEOUT' || e.code === 'DISCONNECTED') return;
      id.current = null;
    },
  };
}

export function useMoney() {
  const { info } = usePos();
  const { i18n } = useTranslation();
  const currency = info.settings.currency;
  return {
    format: (minor: number) => formatMoney(minor, currency, i18n.language),
    /** Typed yuan to minor units, or null when it is not a plain amount. */
    parse: (text: string) => {
      const r = parseMoney(text);
      return r.ok ? r.minor : null;
    },
  };
}

export { ConfirmModal } from '../../components/ConfirmModal';

export { ApprovalModal } from './ApprovalModal';

/** Calls `onTap` with the UID of each wristband tapped on the reader while the caller is on screen. */
export function useCardTap(onTap: (uid: string) => void) {
  const { bridge } = usePos();
  const latest = useRef(onTap);
  useEffect(() => {
    latest.current = onTap;
  });
  useEffect(() => subscribe(bridge, 'device.card', (p) => latest.current(p.uid)), [bridge]);
}
