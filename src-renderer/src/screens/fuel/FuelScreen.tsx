import { Stack, Tabs } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePos } from '../../app/pos-context';
import { ScreenHeader } from '../../components/ScreenHeader';
import { FuelSettings } from './FuelSettings';
import { SellFuel } from './SellFuel';

/** Prepaid fuel: sell at the counter; managers also keep the station's settings here. */
export function FuelScreen({ back }: { back(): void }) {
  const { t } = useTranslation();
  const { staff } = usePos();
  const [tab, setTab] = useState<string | null>('sell');
  // Settings changes (a new price, a new pump) show on the sell tab when it is opened again.
  const [version, setVersion] = useState(0);

  return (
    <Stack p="lg" gap="md">
      <ScreenHeader title={t('fuel.title')} back={back} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="sell" fz="lg">
            {t('fuel.sell')}
          </Tabs.Tab>
          {staff?.role === 'manager' && (
            <Tabs.Tab value="settings" fz="lg">
              {t('fuel.settings')}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="sell" pt="md">
          <SellFuel key={version} />
        </Tabs.Panel>
        <Tabs.Panel value="settings" pt="md">
          <FuelSettings onChange={() => setVersion((v) => v + 1)} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
