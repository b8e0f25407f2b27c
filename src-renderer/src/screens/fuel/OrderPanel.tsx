import { Alert, Badge, Button, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../../../src-main/api/contract';
import type { FuelOrder } from '../../../../src-main/api/contract/fuel';
import { usePos } from '../../app/pos-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatLitres } from './format';

export const STATE_COLORS: Record<FuelOrder['state'], string> = {
  paid: 'blue',
  released: 'cyan',
  dispensing: 'orange',
  completed: 'green',
  refunded: 'grape',
  reversed: 'red',
  failed: 'red',
};

/** The order just paid: its state, the pump running live, and what to do next. */
export function OrderPanel({ order, live, money, onNew }: { order: FuelOrder; live: EventPayload<'device.pump'> | undefined; money(minor: number): string; onNew(): void }) {
  const { t, i18n } = useTranslation();
  const { pos } = usePos();
  const [error, setError] = useState<unknown>(null);
  const [printed, setPrinted] = useState(false);
  const running = order.state === 'released' || order.state === 'dispensing';
  const volume = order.dispensedVolume ?? (running && live && live.phase !== 'idle' && live.phase !== 'offline' ? live.volume : 0);
  const amount = order.chargedAmount ?? (running && live ? live.amount : 0);
  const lang = i18n.language as 'en' | 'zh-CN';

  /** Stop or print; "Printed." only when the printer said so, never after a stop. */
  async function act(fn: () => Promise<unknown>) {
    setError(null);
    setPrinted(false);
    try {
      const r = await fn();
      if (r && typeof r === 'object' && 'jobId' in r) {
        // The printer's own message is not localized; the cashier gets ours.
        if ((r as unknown as { state: string }).state === 'printed') setPrinted(true);
        else setError(new Error(t('fuel.printFailed')));
      }
    } catch (e) {
      setError(e);
    }
  }

  return (
    <Card withBorder radius="lg" data-testid="fuel-order" data-state={order.state}>
      <Stack>
        <Group justify="space-between">
          <Title order={4}>
            {t('fuel.pump', { n: order.pump })} · {order.gradeName}
          </Title>
          <Badge size="xl" color={STATE_COLORS[order.state]}>
            {t(`fuel.states.${order.state}`)}
          </Badge>
        </Group>
        <Text>{t('fuel.prepaid', { amount: money(order.amount), litres: formatLitres(order.volume) })}</Text>
        <Text size="xs" c="dimmed">
          {t('fuel.order', { id: order.id })}
        </Text>
        {order.state !== 'reversed' && order.state !== 'failed' && (
          <>
            <Text size="2rem" fw={700} data-testid="fuel-live">
              {t('fuel.live', { litres: formatLitres(volume), amount: money(amount) })}
            </Text>
            <Progress size="xl" value={Math.min(100, (volume / order.volume) * 100)} animated={running} />
          </>
        )}
        {order.state === 'reversed' && (
          <Alert color="red" role="alert" data-testid="fuel-reversed">
            {order.problem?.message[lang]} {t('fuel.reversed', { amount: money(order.amount) })}
          </Alert>
        )}
        {order.passState === 'failed' && running && (
          <Alert color="yellow" data-testid="fuel-pass-failed">
            {t('fuel.passFailed')}
          </Alert>
        )}
        {order.state === 'completed' && <Alert color="green">{t('fuel.completed', { litres: formatLitres(order.dispensedVolume ?? 0), amount: money(order.chargedAmount ?? 0) })}</Alert>}
        {order.state === 'refunded' && (
          <Alert color="grape" data-testid="fuel-refunded">
            {t('fuel.refunded', {
              litres: formatLitres(order.dispensedVolume ?? 0),
              charged: money(order.chargedAmount ?? 0),
              refund: money(order.refundAmount ?? 0),
              tender: t(`fuel.tenders.${order.tender}`),
            })}
          </Alert>
        )}
        <ErrorAlert error={error} />
        {printed && <Text c="teal">{t('fuel.printed')}</Text>}
        <Group>
          {running && (
            <Button size="lg" color="red" onClick={() => void act(() => pos.fuel.stop({ orderId: order.id }))} data-testid="fuel-stop">
              {t('fuel.stop')}
            </Button>
          )}
          {(order.passState === 'failed' || running) && (
            <Button size="lg" variant="light" data-testid="fuel-print-pass" onClick={() => void act(() => pos.fuel.print({ orderId: order.id, which: 'pass' }))}>
              {t('fuel.reprintPass')}
            </Button>
          )}
          {(order.state === 'completed' || order.state === 'refunded') && (
            <Button size="lg" variant="light" onClick={() => void act(() => pos.fuel.print({ orderId: order.id, which: 'final' }))} data-testid="fuel-print-final">
              {t('fuel.printReceipt')}
            </Button>
          )}
          <Button size="lg" variant="default" onClick={onNew} data-testid="fuel-new">
            {t('fuel.newOrder')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
