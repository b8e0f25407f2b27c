import { SegmentedControl, SimpleGrid, Stack, Tooltip, Badge } from '@mantine/core';
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
import type { Overview } from './shared';

type Mode = 'bind' | 'charge' | 'checkout';
const STATE_COLOR = { free: 'teal', occupied: 'blue', out_of_service: 'gray' } as const;

/** Locker wristbands: bind a party, charge at an outlet, check out. A tap on the reader goes to the open panel. */
export function LockerScreen({ back }: { back(): void }) {
  const { t } = useTranslation();
  const { pos, info, bridge } = usePos();
  const [mode, setMode] = useState<Mode>('bind');
  const [overview, setOverview] = useState<Overview | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reload = useCallback(() => pos.lockers.overview().then(setOverview, setError), [pos]);
  useEffect(() => {
    void reload();
  }, [reload]);
  // Another counter bound, charged or settled: the lockers shown here follow at once.
  useEffect(() => subscribe(bridge, 'lockers.changed', () => void reload()), [bridge, reload]);
  // Only the open panel listens to the card reader, so a tap belongs to the panel it was made on.
  const switchTo = (m: Mode) => setMode(m);

  return (
    <Stack p="xl" gap="md">
      <ScreenHeader title={t('lockers.title')} back={back}>
        <SegmentedControl
          size="lg"
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
          {mode === 'checkout' && <CheckoutPanel onChanged={() => void reload()} />}
          <SimpleGrid cols={{ base: 6, md: 10 }} spacing={6} data-testid="locker-grid">
            {overview.lockers.map((l) => (
              <Tooltip key={l.number} label={l.customer ?? t(`lockers.states.${l.state}`)}>
                <Badge size="lg" variant={l.state === 'occupied' ? 'filled' : 'light'} color={STATE_COLOR[l.state]} data-state={l.state} data-locker={l.number}>
                  {l.number}
                </Badge>
              </Tooltip>
            ))}
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
