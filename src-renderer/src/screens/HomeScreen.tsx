import { Badge, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import {
  IconCalendarStats,
  IconCloudUpload,
  IconCreditCard,
  IconDeviceDesktopCog,
  IconGasStation,
  IconPlane,
  IconTicket,
  IconUsers,
  IconLock,
  IconReceipt,
  IconBuildingStore,
  IconShoppingCart,
  type Icon,
} from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePos } from '../app/pos-context';
import { subscribe } from '../bridge/client';
import { MissingBanner } from './setup/MissingBanner';
import type { Status } from './setup/StoreSteps';

export type Screen = 'home' | 'staff' | 'devices' | 'lockers' | 'fuel' | 'receipts' | 'sync' | 'miles' | 'settlement' | 'storeSetup' | 'cards' | 'shop' | 'coupons';

interface Tile {
  key: 'lockers' | 'fuel' | 'receipts' | 'miles' | 'coupons' | 'cards' | 'settlement' | 'staff' | 'devices' | 'sync' | 'storeSetup' | 'shop';
  icon: Icon;
  color: string;
  screen?: Screen;
  managerOnly?: boolean;
}

/** Workflows not built yet have no screen: they are shown, marked "coming soon", and do nothing. */
const TILES: Tile[] = [
  { key: 'lockers', icon: IconLock, color: 'blue', screen: 'lockers' },
  { key: 'fuel', icon: IconGasStation, color: 'orange', screen: 'fuel' },
  { key: 'receipts', icon: IconReceipt, color: 'teal', screen: 'receipts' },
  { key: 'miles', icon: IconPlane, color: 'cyan', screen: 'miles' },
  { key: 'coupons', icon: IconTicket, color: 'pink', screen: 'coupons' },
  { key: 'cards', icon: IconCreditCard, color: 'green', screen: 'cards' },
  { key: 'settlement', icon: IconCalendarStats, color: 'violet', screen: 'settlement' },
  { key: 'staff', icon: IconUsers, color: 'grape', managerOnly: true, screen: 'staff' },
  { key: 'devices', icon: IconDeviceDesktopCog, color: 'gray', managerOnly: true, screen: 'devices' },
  { key: 'sync', icon: IconCloudUpload, color: 'indigo', screen: 'sync' },
  { key: 'storeSetup', icon: IconBuildingStore, color: 'orange', managerOnly: true, screen: 'storeSetup' },
  { key: 'shop', icon: IconShoppingCart, color: 'lime', screen: 'shop' },
];

/** Tiles of workflows a venue may not use: shown only when the store chose them (all, until it chose). */
const OPTIONAL: Partial<Record<Tile['key'], NonNullable<Status['workflows']>[number]>> = { lockers: 'lockers', fuel: 'fuel', cards: 'cards', coupons: 'coupons', miles: 'miles', shop: 'shop' };

export function HomeScreen({ open }: { open(screen: Screen): void }) {
  const { t } = useTranslation();
  const { staff, pos, bridge } = usePos();
  const [hint, setHint] = useState<string | null>(null);
  const [setup, setSetup] = useState<Status | null>(null);
  useEffect(() => {
    const load = () => void pos.setup.status().then(setSetup, () => {});
    load();
    return subscribe(bridge, 'setup.changed', load);
  }, [pos, bridge]);
  const isManager = staff?.role === 'manager';
  const used = (tile: Tile) => !OPTIONAL[tile.key] || !setup?.workflows || setup.workflows.includes(OPTIONAL[tile.key]!);
  const tiles = TILES.filter((tile) => (!tile.managerOnly || isManager) && used(tile));

  return (
    <Stack p="xl" gap="lg">
      <Group justify="space-between">
        <Title order={2}>{t('home.greeting', { name: staff?.name ?? '' })}</Title>
        {hint && (
          <Text c="dimmed" role="status">
            {hint}
          </Text>
        )}
      </Group>
      {setup && <MissingBanner status={setup} isManager={isManager} onContinue={() => open('storeSetup')} />}
      <SimpleGrid cols={{ base: 2, md: 3, lg: 4 }} spacing="lg">
        {tiles.map((tile) => {
          const ready = Boolean(tile.screen);
          return (
            <UnstyledButton
              key={tile.key}
              aria-label={t(`tiles.${tile.key}.title`)}
              onClick={() => (tile.screen ? open(tile.screen) : setHint(t('home.notYet')))}
            >
              <Card withBorder radius="lg" p="lg" h={160} className={ready ? 'tile' : 'tile tile-soon'}>
                <Stack gap="xs" h="100%" justify="space-between">
                  <Group justify="space-between" align="flex-start">
                    <ThemeIcon size={48} radius="md" variant={ready ? 'filled' : 'light'} color={tile.color}>
                      <tile.icon size={28} />
                    </ThemeIcon>
                    <Group gap={4}>
                      {tile.managerOnly && (
                        <Badge variant="outline" color="grape" size="sm">
                          {t('home.managerOnly')}
                        </Badge>
                      )}
                      {!ready && (
                        <Badge variant="light" color="gray" size="sm">
                          {t('home.soon')}
                        </Badge>
                      )}
                    </Group>
                  </Group>
                  <div>
                    <Text fw={700} size="lg">
                      {t(`tiles.${tile.key}.title`)}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {t(`tiles.${tile.key}.text`)}
                    </Text>
                  </div>
                </Stack>
              </Card>
            </UnstyledButton>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}
