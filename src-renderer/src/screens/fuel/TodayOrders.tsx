import { Badge, Card, ScrollArea, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FuelOrder } from '../../../../src-main/api/contract/fuel';
import { usePos } from '../../app/pos-context';
import { formatLitres } from './format';
import { STATE_COLORS } from './OrderPanel';
import { formatTime } from '../../format/time';

/** Today's fuel orders, newest first; a tap (or Enter) opens the order's actions: stop, print. */
export function TodayOrders({ orders, money, openId, onOpen }: { orders: FuelOrder[]; money(minor: number): string; openId: string | null; onOpen(id: string): void }) {
  const { t, i18n } = useTranslation();
  const { info } = usePos();
  const time = (iso: string) => formatTime(iso, i18n.language, info.settings.timeZone);

  return (
    <Card withBorder radius="lg" p="sm">
      <Title order={5} mb="xs">
        {t('fuel.today')}
      </Title>
      {orders.length === 0 ? (
        <Text c="dimmed">{t('fuel.none')}</Text>
      ) : (
        <ScrollArea.Autosize mah={340} type="auto">
          <Table verticalSpacing="sm" highlightOnHover data-testid="fuel-orders">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fuel.time')}</Table.Th>
                <Table.Th>{t('fuel.choosePump')}</Table.Th>
                <Table.Th>{t('fuel.amount')}</Table.Th>
                <Table.Th>{t('fuel.litres')}</Table.Th>
                <Table.Th>{t('fuel.state')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {orders.map((o) => (
                <Table.Tr
                  key={o.id}
                  data-order={o.id}
                  data-state={o.state}
                  role="button"
                  tabIndex={0}
                  aria-current={openId === o.id || undefined}
                  bg={openId === o.id ? 'indigo.0' : undefined}
                  style={{ cursor: 'pointer' }}
                  onClick={() => onOpen(o.id)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      onOpen(o.id);
                    }
                  }}
                >
                  <Table.Td>{time(o.createdAt)}</Table.Td>
                  <Table.Td>
                    {o.pump} · {o.gradeName}
                  </Table.Td>
                  <Table.Td>
                    {money(o.chargedAmount ?? o.amount)}
                    {o.refundAmount ? (
                      <Text size="xs" c="grape">
                        {t('fuel.refundShort', { amount: money(o.refundAmount) })}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{formatLitres(o.dispensedVolume ?? o.volume)}</Table.Td>
                  <Table.Td>
                    <Badge color={STATE_COLORS[o.state]}>{t(`fuel.states.${o.state}`)}</Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
    </Card>
  );
}
