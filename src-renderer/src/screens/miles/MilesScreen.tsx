import { Alert, SegmentedControl, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../src-main/api/contract';
import { usePos } from '../../app/pos-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ScreenHeader } from '../../components/ScreenHeader';
import { MilesRules } from './MilesRules';
import { MilesToday } from './MilesToday';
import { SellMiles } from './SellMiles';

export type MilesStatus = MethodOutput<'points.status'>;
type Tab = 'sell' | 'today' | 'rules';

/** The travel desk's miles screen (里程兑换): sell a service for miles and cash, today's sales, and (managers) the rules. */
export function MilesScreen({ back }: { back(): void }) {
  const { t } = useTranslation();
  const { pos, staff } = usePos();
  const [tab, setTab] = useState<Tab>('sell');
  const [status, setStatus] = useState<MilesStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(() => pos.points.status().then(setStatus, setError), [pos]);
  useEffect(() => void reload(), [reload]);

  const tabs = [
    { value: 'sell', label: t('miles.sell') },
    { value: 'today', label: t('miles.today') },
    ...(staff?.role === 'manager' ? [{ value: 'rules', label: t('miles.rules') }] : []),
  ];

  return (
    <Stack p="md" gap="sm">
      <ScreenHeader title={t('miles.title')} back={back}>
        <SegmentedControl size="md" value={tab} onChange={(v) => setTab(v as Tab)} data={tabs} data-testid="miles-tabs" />
      </ScreenHeader>
      <ErrorAlert error={error} />
      {status && !status.connected && (
        <Alert color="orange" variant="light" data-testid="miles-not-connected">
          {t('miles.notConnected')}
        </Alert>
      )}
      {!status ? (
        <Text c="dimmed">{t('app.loading')}</Text>
      ) : tab === 'sell' ? (
        <SellMiles status={status} />
      ) : tab === 'today' ? (
        <MilesToday />
      ) : (
        <MilesRules status={status} onChange={() => void reload()} />
      )}
    </Stack>
  );
}
