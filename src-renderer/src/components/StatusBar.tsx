import { Badge, Group, Text } from '@mantine/core';
import { IconCloud, IconCloudOff, IconDeviceDesktop, IconPlugConnected } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../../src-main/api/contract';
import { subscribe } from '../bridge/client';
import { usePos } from '../app/pos-context';

type DeviceStatus = EventPayload<'device.status'>['devices'];

/** Host, devices, sync and the connection to main: the slots later workflows fill. */
export function StatusBar() {
  const { t } = useTranslation();
  const { bridge, info, connected } = usePos();
  const [devices, setDevices] = useState<DeviceStatus>([]);
  const [sync, setSync] = useState<EventPayload<'sync.status'> | null>(null);

  useEffect(() => subscribe(bridge, 'device.status', (p) => setDevices(p.devices)), [bridge]);
  useEffect(() => subscribe(bridge, 'sync.status', setSync), [bridge]);

  const online = devices.filter((d) => d.state === 'online').length;
  return (
    <Group h="100%" px="md" gap="xl" wrap="nowrap" data-testid="status-bar">
      <Group gap={6} wrap="nowrap">
        <IconDeviceDesktop size={16} />
        <Text size="xs" data-testid="status-host">
          {t(`status.host.${info.host}`)} {info.version}
        </Text>
      </Group>
      <Group gap={6} wrap="nowrap" data-testid="status-devices">
        <IconPlugConnected size={16} />
        <Text size="xs">
          {t('status.devices')}: {devices.length === 0 ? t('status.devicesNone') : `${online}/${devices.length}`}
        </Text>
      </Group>
      <Group gap={6} wrap="nowrap" data-testid="status-sync">
        {sync?.online ? <IconCloud size={16} /> : <IconCloudOff size={16} />}
        <Text size="xs">
          {t('status.sync')}: {sync ? `${sync.online ? '✓' : '✗'} ${sync.backlog}` : t('status.syncNotSetUp')}
        </Text>
      </Group>
      {!connected && (
        <Badge color="red" role="alert">
          {t('status.offline')}
        </Badge>
      )}
    </Group>
  );
}
