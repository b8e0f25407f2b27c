import { Badge, Button, Card, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { v7 as uuidv7 } from 'uuid';
import type { MethodOutput } from '../../../../src-main/api/contract';
import { usePos } from '../../app/pos-context';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatMoney } from '../../format/money';
import { formatTime } from '../../format/time';

type Sale = MethodOutput<'points.today'>[number];
type Summary = MethodOutput<'points.summary'>;

/** Today's miles sales of this counter; a manager refunds one (both parts) after confirming, and sees miles taken per service. */
export function MilesToday() {
  const { t, i18n } = useTranslation();
  const { pos, info, staff } = usePos();
  const [sales, setSales] = useState<Sale[]>([]);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [refunding, setRefunding] = useState<{ sale: Sale; commandId: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [refundError, setRefundError] = useState<unknown>(null);
  const manager = staff?.role === 'manager';
  const money = (minor: number) => formatMoney(minor, info.settings.currency, i18n.language);

  const load = useCallback(() => {
    pos.points.today().then(setSales, setError);
    if (manager) pos.points.summary({}).then(setSummary, setError);
  }, [pos, manager]);
  useEffect(load, [load]);

  async function refund() {
    if (!refunding || busy) return;
    setBusy(true);
    setRefundError(null);
    try {
      await pos.points.refund({ commandId: refunding.commandId, redemptionId: refunding.sale.id });
      setRefunding(null);
      load();
    } catch (e) {
      setRefundError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="sm">
      <ErrorAlert error={error} />
      <Card withBorder radius="lg" p="sm">
        <Title order={5} mb="xs">
          {t('miles.today')}
        </Title>
        {sales.length === 0 ? (
          <Text c="dimmed">{t('miles.none')}</Text>
        ) : (
          <ScrollArea.Autosize mah={420} type="auto">
            <Table verticalSpacing="sm" data-testid="miles-sales">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('miles.time')}</Table.Th>
                  <Table.Th>{t('miles.passenger')}</Table.Th>
                  <Table.Th>{t('miles.service')}</Table.Th>
                  <Table.Th>{t('miles.miles')}</Table.Th>
                  <Table.Th>{t('miles.cash')}</Table.Th>
                  <Table.Th>{t('miles.state')}</Table.Th>
                  {manager && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sales.map((s) => (
                  <Table.Tr key={s.id} data-state={s.state}>
                    <Table.Td>{formatTime(s.createdAt, i18n.language, info.settings.timeZone)}</Table.Td>
                    <Table.Td>
                      {s.memberName} · {s.flight} {s.origin}-{s.destination}
                    </Table.Td>
                    <Table.Td>{t(`miles.services.${s.serviceType}`, { defaultValue: s.serviceType })}</Table.Td>
                    <Table.Td>{s.points}</Table.Td>
                    <Table.Td>{money(s.cash)}</Table.Td>
                    <Table.Td>
                      <Badge color={s.state === 'refunded' ? 'grape' : 'teal'}>{t(`miles.states.${s.state}`)}</Badge>
                      {t(`miles.captures.${s.captureState}`) && (
                        <Text size="xs" c={s.captureState === 'failed' ? 'red' : 'orange'}>
                          {t(`miles.captures.${s.captureState}`)}
                        </Text>
                      )}
                    </Table.Td>
                    {manager && (
                      <Table.Td>
                        {s.state === 'made' && (
                          <Button variant="light" color="grape" onClick={() => setRefunding({ sale: s, commandId: uuidv7() })}>
                            {t('miles.refund')}
                          </Button>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        )}
      </Card>
      {manager && summary && summary.services.length > 0 && (
        <Card withBorder radius="lg" p="sm" data-testid="miles-summary">
          <Title order={5} mb="xs">
            {t('miles.summary')}
          </Title>
          <Table>
            <Table.Tbody>
              {summary.services.map((s) => (
                <Table.Tr key={s.serviceType}>
                  <Table.Td>{t(`miles.services.${s.serviceType}`, { defaultValue: s.serviceType })}</Table.Td>
                  <Table.Td>× {s.count}</Table.Td>
                  <Table.Td>
                    {s.points} {t('miles.miles')} ({money(s.pointsValue)})
                  </Table.Td>
                  <Table.Td>
                    {t('miles.cash')} {money(s.cash)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      <ConfirmModal
        opened={!!refunding}
        busy={busy}
        error={refundError}
        confirmLabel={t('miles.refund')}
        onClose={() => setRefunding(null)}
        onConfirm={() => void refund()}
        lines={
          refunding
            ? [t('miles.refundConfirm', { service: t(`miles.services.${refunding.sale.serviceType}`, { defaultValue: refunding.sale.serviceType }), passenger: refunding.sale.memberName, points: refunding.sale.points, money: money(refunding.sale.cash) })]
            : []
        }
      />
    </Stack>
  );
}
