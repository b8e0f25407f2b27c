import { BarChart } from '@mantine/charts';
import { Badge, Card, Group, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../src-main/api/contract';
import { usePos } from '../../app/pos-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatMoney } from '../../format/money';

type Dashboard = MethodOutput<'settlement.dashboard'>;
const COLORS: Record<string, string> = { lockers: 'blue.6', fuel: 'orange.6' };

/** Major units for the chart's axis only (figures to look at); every number in text stays exact. */
const major = (minor: number) => Math.round(minor / 100);

/**
 * The manager's dashboard: today so far and the last 30 days, sales per hour and per workflow
 * (Mantine charts on recharts), the busiest hours and the average ticket. Tapping a figure opens
 * the receipts screen to see today's receipts behind it.
 */
export function DashboardPanel({ seeReceipts }: { seeReceipts(): void }) {
  const { t, i18n } = useTranslation();
  const { pos } = usePos();
  const [d, setD] = useState<Dashboard | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    pos.settlement.dashboard().then(setD, setError);
  }, [pos]);
  if (!d) return <ErrorAlert error={error} />;
  const money = (m: number) => formatMoney(m, d.currency, i18n.language);
  const wf = (k: string) => (t(`settlement.workflows.${k}`, { defaultValue: k }) as string);
  const workflows = [...new Set(d.days.flatMap((x) => Object.keys(x.byWorkflow)))];
  const figure = (label: string, value: string, testid: string) => (
    <UnstyledButton onClick={seeReceipts} aria-label={`${label} ${value} · ${t('settlement.seeReceipts')}`}>
      <Card withBorder mih={88} data-testid={testid}>
        <Text size="sm" c="dimmed">
          {label}
        </Text>
        <Text size="xl" fw={700}>
          {value}
        </Text>
      </Card>
    </UnstyledButton>
  );
  return (
    <Stack>
      <Title order={4}>{t('settlement.dashboardToday')}</Title>
      <SimpleGrid cols={4}>
        {figure(t('settlement.sales'), money(d.totals.today), 'dash-today-sales')}
        {figure(t('settlement.tickets'), String(d.totals.todayTickets), 'dash-today-tickets')}
        {figure(t('settlement.averageTicket'), money(d.averageTicket.today), 'dash-today-average')}
        {d.workflows.map((w) => figure(wf(w.workflow), money(w.todayAmount), `dash-today-${w.workflow}`))}
      </SimpleGrid>
      <Card withBorder>
        <Title order={5}>{t('settlement.salesPerHour')}</Title>
        <BarChart
          h={200}
          data={d.hours.filter((h) => Number(h.hour) >= 6).map((h) => ({ hour: h.hour, today: major(h.todayAmount), average: major(h.averageAmount) }))}
          dataKey="hour"
          series={[
            { name: 'today', label: t('settlement.dashboardToday'), color: 'violet.6' },
            { name: 'average', label: t('settlement.dashboard30'), color: 'gray.4' },
          ]}
        />
      </Card>
      <Group>
        <Title order={4}>{t('settlement.dashboard30')}</Title>
        <Text>{t('common.lv', { label: t('settlement.sales'), value: money(d.totals.days30) })}</Text>
        <Text>{t('common.lv', { label: t('settlement.averageTicket'), value: money(d.averageTicket.days30) })}</Text>
        <Text>{t('common.labelColon', { label: t('settlement.busiest') })}</Text>
        {d.busiestHours.map((h) => (
          <Badge key={h.hour} size="lg" variant="light">
            {h.hour}:00 · {h.count}
          </Badge>
        ))}
      </Group>
      <Card withBorder>
        <Title order={5}>{t('settlement.salesPerDay')}</Title>
        <BarChart
          h={220}
          type="stacked"
          data={d.days.map((x) => ({ day: x.day.slice(5), ...Object.fromEntries(workflows.map((w) => [w, major(x.byWorkflow[w] ?? 0)])) }))}
          dataKey="day"
          series={workflows.map((w) => ({ name: w, label: wf(w), color: COLORS[w] ?? 'teal.6' }))}
        />
      </Card>
    </Stack>
  );
}
