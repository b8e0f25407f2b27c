import { Badge, Card, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FuelOrder } from '../../../../src-main/api/contract/fuel';
import { usePos } from '../../app/pos-context';
import { subscribe } from '../../bridge/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatLitres } from './format';
import { STATE_COLORS } from './OrderPanel';

/** Today's fuel orders with their states, kept current by the order events main pushes. */
export function TodayOrders({ money }: { money(minor: number): string }) {
  const { t, i18n } = useTranslation();
  const { pos, bridge, info } = usePos();
  const [orders, setOrders] = useState<FuelOrder[]>([]);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => pos.fuel.orders().then(setOrders, setError), [pos]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => subscribe(bridge, 'fuel.order', () => void load()), [bridge, load]);
  const time = (iso: string) => new Intl.DateTimeFormat(i18n.language, { timeZone: info.settings.timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

  return (
    <Card withBorder radius="lg">
      <Title order={4} mb="sm">
        {t('fuel.today')}
      </Title>
      <ErrorAlert error={error} />
      {orders.length === 0 ? (
        <Text c="dimmed">{t('fuel.none')}</Text>
      ) : (
        <Table verticalSpacing="xs" data-testid="fuel-orders">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fuel.time')}</Table.Th>
              <Table.Th>{t('fuel.choosePump')}</Table.Th>
              <Table.Th>{t('fuel.grade')}</Table.Th>
              <Table.Th>{t('fuel.amount')}</Table.Th>
              <Table.Th>{t('fuel.litres')}</Table.Th>
              <Table.Th>{t('fuel.refund')}</Table.Th>
              <Table.Th>{t('fuel.state')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {orders.map((o) => (
              <Table.Tr key={o.id} data-order={o.id} data-state={o.state}>
                <Table.Td>{time(o.createdAt)}</Table.Td>
                <Table.Td>{o.pump}</Table.Td>
                <Table.Td>{o.gradeName}</Table.Td>
                <Table.Td>{money(o.amount)}</Table.Td>
                <Table.Td>{formatLitres(o.dispensedVolume ?? o.volume)}</Table.Td>
                <Table.Td>{o.refundAmount ? money(o.refundAmount) : ''}</Table.Td>
                <Table.Td>
                  <Badge color={STATE_COLORS[o.state]}>{t(`fuel.states.${o.state}`)}</Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
