import { Stack, Tabs } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePos } from '../../app/pos-context';
import { ScreenHeader } from '../../components/ScreenHeader';
import { DashboardPanel } from './DashboardPanel';
import { DayClosePanel } from './DayClosePanel';
import { ShiftPanel } from './ShiftPanel';

/** Shifts for every cashier; the day close (X/Z reports) and the dashboard for managers (main checks it too). */
export function SettlementScreen({ back, openReceipts }: { back(): void; openReceipts(): void }) {
  const { t } = useTranslation();
  const { staff } = usePos();
  const manager = staff?.role === 'manager';
  const [tab, setTab] = useState<string | null>('shift');
  return (
    <Stack p="lg" gap="md">
      <ScreenHeader title={t('settlement.title')} back={back} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="shift" h={44}>
            {t('settlement.tabShift')}
          </Tabs.Tab>
          {manager && (
            <Tabs.Tab value="day" h={44}>
              {t('settlement.tabDay')}
            </Tabs.Tab>
          )}
          {manager && (
            <Tabs.Tab value="dashboard" h={44}>
              {t('settlement.tabDashboard')}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="shift" pt="md">
          <ShiftPanel />
        </Tabs.Panel>
        {manager && (
          <Tabs.Panel value="day" pt="md">
            <DayClosePanel />
          </Tabs.Panel>
        )}
        {manager && (
          <Tabs.Panel value="dashboard" pt="md">
            <DashboardPanel seeReceipts={openReceipts} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
