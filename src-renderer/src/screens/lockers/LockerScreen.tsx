import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePos } from '../../app/pos-context';
import { subscribe } from '../../bridge/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ScreenHeader } from '../../components/ScreenHeader';
import { BindPanel } from './BindPanel';
import { ChargePanel } from './ChargePanel';
import { CheckoutPanel } from './CheckoutPanel';
import { DemoTapHelper } from './DemoTapHelper';
import { LockerGrid } from './LockerGrid';
import type { Overview } from './shared';

type Mode = 'bind' | 'charge' | 'checkout';

/** Locker wristbands: bind a party, charge at an outlet, check out. A tap on the reader goes to the open panel. */
export function LockerScreen({ back }: { back(): void }) {
  const { t } = useTranslation();
  const { pos, info, bridge } = usePos();
  const [mode, setMode] = useState<Mode>(() => (sessionStorage.getItem('pos.lockers.mode') as Mode | null) ?? 'bind');
  const [overview, setOverview] = useState<Overview | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reload = useCallback(() => pos.lockers.overview().then(setOverview, setError), [pos]);
  useEffect(() => {
    void reload();
  }, [reload]);
  // Another counter bound, charged or settled: the lockers shown here follow at once.
  useEffect(() => subscribe(bridge, 'lockers.changed', () => void reload()), [bridge, reload]);
  // Only the open panel listens to the card reader, so a tap belongs to the panel it was made on.
  // The panel is remembered across a reload of this window, like the cashier's session.
  const switchTo = (m: Mode) => {
    sessionStorage.setItem('pos.lockers.mode', m);
    setMode(m);
  };

  return (
    <Stack p="md" gap="sm">
      <ScreenHeader title={t('lockers.title')} back={back}>
        <SegmentedControl
          size="md"
          value={mode}
          onChange={(v) => switchTo(v as Mode)}
          data={(['bind', 'charge', 'checkout'] as const).map((m) => ({ value: m, label: t(`lockers.tabs.${m}`) }))}
        />
      </ScreenHeader>
      <ErrorAlert error={error} />
      {info.demo && overview?.demo && <DemoTapHelper demo={overview.demo} />}
      {overview && (
        <>
          {mode === 'bind' && <BindPanel overview={overview} onChanged={() => void reload()} />}
          {mode === 'charge' && <ChargePanel overview={overview} onChanged={() => void reload()} />}
          {mode === 'checkout' && <CheckoutPanel overview={overview} onChanged={() => void reload()} />}
          {mode !== 'checkout' && (
            <Stack gap={4}>
              <Text size="sm" c="dimmed">
                {t('lockers.gridTitle')}
              </Text>
              <LockerGrid lockers={overview.lockers} />
            </Stack>
          )}
        </>
      )}
    </Stack>
  );
}
