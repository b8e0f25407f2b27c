import { Button, Group, Modal, PasswordInput, Select, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { v7 as uuidv7 } from 'uuid';
import { useTranslation } from 'react-i18next';
import type { MethodOutput, StaffInfo } from '../../../../src-main/api/contract';
import { usePos } from '../../app/pos-context';
import { ErrorAlert } from '../../components/ErrorAlert';
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

/** "Please confirm" before money moves; Confirm may be pressed again after a failure (same command id). */
export function ConfirmModal({ opened, lines, onConfirm, onClose, busy, error }: {
  opened: boolean;
  lines: string[];
  onConfirm(): void;
  onClose(): void;
  busy: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('lockers.confirmTitle')} centered size="lg">
      <Stack>
        {lines.map((l) => (
          <Text key={l} size="lg">
            {l}
          </Text>
        ))}
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" size="lg" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button size="lg" loading={busy} onClick={onConfirm} data-autofocus>
            {t('lockers.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** A manager types their PIN on this screen; main checks it is a manager's. */
export function ApprovalModal({ opened, onApprove, onClose }: { opened: boolean; onApprove(a: { staffId: string; pin: string }): void; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('lockers.approvalTitle')} centered>
      {opened && <ApprovalForm onApprove={onApprove} />}
    </Modal>
  );
}

function ApprovalForm({ onApprove }: { onApprove(a: { staffId: string; pin: string }): void }) {
  const { t } = useTranslation();
  const { pos, staff } = usePos();
  const [people, setPeople] = useState<StaffInfo[]>([]);
  const [staffId, setStaffId] = useState<string | null>(staff?.role === 'manager' ? staff.id : null);
  const [pin, setPin] = useState('');
  useEffect(() => {
    pos.staff.list().then(setPeople, () => setPeople([]));
  }, [pos]);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (staffId) onApprove({ staffId, pin });
      }}
    >
      <Stack>
        <Text>{t('lockers.approvalHint')}</Text>
        <Select label={t('lockers.manager')} data={people.map((p) => ({ value: p.id, label: p.name }))} value={staffId} onChange={setStaffId} size="lg" />
        <PasswordInput label={t('lockers.pin')} inputMode="numeric" value={pin} onChange={(e) => setPin(e.currentTarget.value)} size="lg" />
        <Button type="submit" size="lg" disabled={!staffId || pin.length < 4}>
          {t('lockers.approve')}
        </Button>
      </Stack>
    </form>
  );
}

/** Calls `onTap` with the UID of each wristband tapped on the reader while the caller is on screen. */
export function useCardTap(onTap: (uid: string) => void) {
  const { bridge } = usePos();
  const latest = useRef(onTap);
  useEffect(() => {
    latest.current = onTap;
  });
  useEffect(() => subscribe(bridge, 'device.card', (p) => latest.current(p.uid)), [bridge]);
}
