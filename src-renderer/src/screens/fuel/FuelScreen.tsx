import { SegmentedControl, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePos } from '../../app/pos-context';
import { ScreenHeader } from '../../components/ScreenHeader';
import { FuelSettings } from './FuelSettings';
import { SellFuel } from './SellFuel';

/** Prepaid fuel: the forecourt at the counter; managers also keep the station's settings here. */
export function FuelScreen({ back }: { back(): void }) {
  const { t } = useTranslation();
  const { staff } = usePos();
  const [tab, setTab] = useState<'sell' | 'settings'>('sell');
  // Settings changes (a new price, a new pump) show on the forecourt when it is opened again.
  const [version, setVersion] = useState(0);

  return (
    <Stack p="md" gap="sm">
      <ScreenHeader title={t('fuel.title')} back={back}>
        {staff?.role === 'manager' && (
          <SegmentedControl
            size="md"
            value={tab}
            onChange={(v) => setTab(v as 'sell' | 'settings')}
            data={[
              { value: 'sell', label: t('fuel.sell') },
              { value: 'settings', label: t('fuel.settings') },
            ]}
            data-testid="fuel-tabs"
          />
        )}
      </ScreenHeader>
      {tab === 'sell' ? <SellFuel key={version} /> : <FuelSettings onChange={() => setVersion((v) => v + 1)} />}
    </Stack>
  );
}
