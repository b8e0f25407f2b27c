import { Alert, Button, Card, Group, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { v7 as uuidv7 } from 'uuid';
import type { MethodOutput } from '../../../../src-main/api/contract';
import { usePos } from '../../app/pos-context';
import { PosApiError, subscribe } from '../../bridge/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatMoney, parseMoney } from '../../format/money';
import { ApprovalModal, type Approval } from '../lockers/ApprovalModal';
import { CashCount, countTotal, type Count } from './CashCount';

type Current = MethodOutput<'settlement.current'>;
type Closed = MethodOutput<'settlement.closeShift'>;

/**
 * The cashier's shift: open it with the float counted by denomination, pay cash in or out
 * (a manager approves pay-outs), and close it with a blind count. The expected cash is never on
 * this screen before the count; after it, expected, counted and the difference are shown.
 */
export function ShiftPanel() {
  const { t, i18n } = useTranslation();
  const { pos, bridge, info } = usePos();
  const [current, setCurrent] = useState<Current | null>(null);
  const [count, setCount] = useState<Count>({});
  const [confirm, setConfirm] = useState<'open' | 'close' | null>(null);
  const [commandId, setCommandId] = useState(() => uuidv7());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [closed, setClosed] = useState<Closed | null>(null);
  const [approval, setApproval] = useState<string | null>(null);
  const [move, setMove] = useState<'pay_in' | 'pay_out' | null>(null);
  const money = (m: number) => formatMoney(m, info.settings.currency, i18n.language);
  const time = (iso: string) => new Intl.DateTimeFormat(i18n.language, { timeZone: info.settings.timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

  const load = useCallback(() => pos.settlement.current().then(setCurrent, setError), [pos]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => subscribe(bridge, 'settlement.changed', () => void load()), [bridge, load]);

  const fresh = () => {
    setCommandId(uuidv7());
    setCount({});
    setConfirm(null);
    setError(null);
  };

  async function open() {
    setBusy(true);
    try {
      await pos.settlement.openShift({ commandId, count });
      fresh();
      setClosed(null);
      await load();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  /** Closes with the blind count; a difference over the limit asks for a manager, then sends again. */
  async function close(a?: Approval): Promise<unknown> {
    setBusy(true);
    try {
      const r = await pos.settlement.closeShift({ commandId, count, ...(a ? { approval: a } : {}) });
      setClosed(r);
      setApproval(null);
      fresh();
      await load();
      return null;
    } catch (e) {
      if (e instanceof PosApiError && e.code === 'SHIFT_DIFFERENCE_NEEDS_MANAGER') {
        setConfirm(null);
        setError(e);
        setApproval(t('settlement.differenceAction', { amount: e.data.params[i18n.language === 'zh-CN' ? 'differenceZh' : 'differenceEn'] as string }));
        return a ? e : null;
      }
      setError(e);
      return e;
    } finally {
      setBusy(false);
    }
  }

  if (!current) return <ErrorAlert error={error} />;
  const shift = current.shift;
  return (
    <Stack>
      {closed && (
        <Alert color={closed.difference === 0 ? 'green' : 'orange'} title={t('settlement.closedTitle')} data-testid="shift-closed">
          <Group gap="xl">
            <Text>{t('common.lv', { label: t('settlement.expected'), value: money(closed.expected) })}</Text>
            <Text>{t('common.lv', { label: t('settlement.counted'), value: money(closed.counted) })}</Text>
            <Text fw={700}>{t('common.lv', { label: t('settlement.difference'), value: money(closed.difference) })}</Text>
            {closed.approvedBy && <Text>{t('settlement.approvedBy')}</Text>}
          </Group>
        </Alert>
      )}
      {!shift ? (
        <Card withBorder>
          <Stack>
            <Title order={3}>{t('settlement.openTitle')}</Title>
            <Text c="dimmed">{t('settlement.noShift')}</Text>
            <CashCount denominations={current.denominations} count={count} onChange={setCount} currency={current.currency} />
            <ErrorAlert error={confirm ? null : error} />
            <Group justify="flex-end">
              <Button size="lg" onClick={() => setConfirm('open')}>
                {t('settlement.openShift')}
              </Button>
            </Group>
          </Stack>
        </Card>
      ) : (
        <>
          <Card withBorder>
            <Group justify="space-between">
              <div>
                <Title order={3}>{t('settlement.shiftOf', { name: shift.staffName, since: time(shift.openedAt) })}</Title>
                <Text>
                  {t('common.lv', { label: t('settlement.float'), value: money(shift.float) })} {shift.auto && `(${t('settlement.autoOpened')})`}
                </Text>
              </div>
              <Group>
                <Button size="lg" variant="light" onClick={() => setMove('pay_in')}>
                  {t('settlement.payIn')}
                </Button>
                <Button size="lg" variant="light" color="orange" onClick={() => setMove('pay_out')}>
                  {t('settlement.payOut')}
                </Button>
              </Group>
            </Group>
            <Title order={5} mt="sm">
              {t('settlement.moves')}
            </Title>
            {shift.moves.length === 0 ? (
              <Text c="dimmed">{t('settlement.noMoves')}</Text>
            ) : (
              <Table>
                <Table.Tbody>
                  {shift.moves.map((m) => (
                    <Table.Tr key={m.id}>
                      <Table.Td>{time(m.at)}</Table.Td>
                      <Table.Td>{m.kind === 'pay_in' ? t('settlement.payIn') : t('settlement.payOut')}</Table.Td>
                      <Table.Td>{m.reason}</Table.Td>
                      <Table.Td>{m.approvedBy ?? ''}</Table.Td>
                      <Table.Td ta="right">{money(m.amount)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Card>
          <Card withBorder>
            <Stack>
              <Title order={3}>{t('settlement.closeTitle')}</Title>
              <Text c="dimmed">{t('settlement.closeHint')}</Text>
              <CashCount denominations={current.denominations} count={count} onChange={setCount} currency={current.currency} />
              <ErrorAlert error={confirm ? null : error} />
              <Group justify="flex-end">
                <Button size="lg" color="violet" onClick={() => setConfirm('close')}>
                  {t('settlement.closeShift')}
                </Button>
              </Group>
            </Stack>
          </Card>
        </>
      )}
      <ConfirmModal
        opened={confirm !== null}
        lines={[confirm === 'open' ? t('settlement.confirmOpen', { amount: money(countTotal(count)) }) : t('settlement.confirmClose', { amount: money(countTotal(count)) })]}
        onConfirm={() => void (confirm === 'open' ? open() : close())}
        onClose={() => setConfirm(null)}
        busy={busy}
        error={error}
      />
      <ApprovalModal opened={approval !== null} action={approval ?? ''} onApprove={(a) => close(a)} onClose={() => setApproval(null)} />
      {move && <CashMove kind={move} onDone={() => setMove(null)} />}
    </Stack>
  );
}

/** Pay in or pay out, with a reason; a pay-out is approved by a manager's PIN on this screen. */
function CashMove({ kind, onDone }: { kind: 'pay_in' | 'pay_out'; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const { pos, info } = usePos();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [approving, setApproving] = useState(false);
  const [commandId] = useState(() => uuidv7());
  const parsed = parseMoney(amount);
  const title = kind === 'pay_in' ? t('settlement.payIn') : t('settlement.payOut');
  const send = async (approval?: Approval): Promise<unknown> => {
    if (!parsed.ok) return null;
    try {
      if (kind === 'pay_in') await pos.settlement.payIn({ commandId, amount: parsed.minor, reason });
      else await pos.settlement.payOut({ commandId, amount: parsed.minor, reason, approval: approval! });
      onDone();
      return null;
    } catch (e) {
      setError(e);
      return e;
    }
  };
  return (
    <Modal opened onClose={onDone} title={title} centered>
      <Stack>
        <TextInput data-autofocus size="lg" label={t('settlement.amount')} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.currentTarget.value)} />
        <TextInput size="lg" label={t('settlement.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button size="lg" disabled={!parsed.ok} onClick={() => (kind === 'pay_in' ? void send() : setApproving(true))}>
            {title}
          </Button>
        </Group>
      </Stack>
      <ApprovalModal
        opened={approving}
        action={t('settlement.payOutAction', { amount: parsed.ok ? formatMoney(parsed.minor, info.settings.currency, i18n.language) : '', reason })}
        onApprove={(a) => send(a)}
        onClose={() => setApproving(false)}
      />
    </Modal>
  );
}
