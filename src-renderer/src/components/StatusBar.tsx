import { Badge, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconCloud, IconCloudOff, IconDeviceDesktop, IconPlugConnected } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../../src-main/api/contract';
import { subscribe } from '../bridge/client';
import { usePos } from '../app/pos-context';
import { DeviceStatusBadge } from '../screens/devices/DeviceStatusBadge';
import { LedgerCheck } from './LedgerCheck';

type DeviceStatus = EventPayload<'device.status'>['devices'];

/** Host, devices, sync and the connection to main: the slots later workflows fill. */
export function StatusBar() {
  const { t } = useTranslation();
  const { pos, bridge, info, connected, staff } = usePos();
  const [devices, setDevices] = useState<DeviceStatus>([]);
  const [sync, setSync] = useState<EventPayload<'sync.status'> | null>(null);

  useEffect(() => subscribe(bridge, 'device.status', (p) => setDevices(p.devices)), [bridge]);
  // Device states are for signed-in staff; the first snapshot comes from a call, then events.
  useEffect(() => {
    if (staff) pos.devices.status().then((s) => setDevices(s.devices), () => {});
  }, [pos, staff]);
  useEffect(() => subscribe(bridge, 'sync.status', setSync), [bridge]);
  // Free disk space is the manager's to act on: asked at sign-in, then announced when it changes.
  const [disk, setDisk] = useState<EventPayload<'system.disk'> | null>(null);
  const isManager = staff?.role === 'manager';
  useEffect(() => subscribe(bridge, 'system.disk', setDisk), [bridge]);
  useEffect(() => {
    if (isManager) pos.system.disk().then(setDisk, () => {});
  }, [pos, isManager]);
  // Sync was announced before this window connected: the first snapshot comes from a call.
  useEffect(() => {
    if (staff) pos.sync.status().then(setSync, () => {});
  }, [pos, staff]);

  const inUse = staff ? devices.filter((d) => d.state !== 'disabled') : [];
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
        <Text size="xs">{t('common.labelColon', { label: t('status.devices') })}</Text>
        {inUse.length === 0 ? <Text size="xs">{t('status.devicesNone')}</Text> : inUse.map((d) => <DeviceStatusBadge key={d.device} status={d} withName />)}
      </Group>
      <Group gap={6} wrap="nowrap" data-testid="status-sync">
        {sync?.online ? <IconCloud size={16} /> : <IconCloudOff size={16} />}
        <Text size="xs" data-phase={sync?.phase ?? 'unknown'}>
          {t('common.lv', {
            label: t('status.sync'),
            value:
              !sync || !sync.enrolled
                ? t('status.syncNotSetUp')
                : `${t(sync.phase === 'error' ? 'status.syncError' : sync.online ? 'status.syncOnline' : 'status.syncOffline')} · ${t('status.syncBacklog', { count: sync.backlog })}`,
          })}
        </Text>
      </Group>
      {isManager && disk?.low && (
        <Badge color="orange" role="alert" leftSection={<IconAlertTriangle size={14} />} data-testid="status-disk-low">
          {t('status.diskLow', { free: Math.floor((disk.freeBytes ?? 0) / (1024 * 1024)) })}
        </Badge>
      )}
      <LedgerCheck />
      {!connected && (
        <Badge color="red" role="alert">
          {t('status.offline')}
        </Badge>
      )}
    </Group>
  );
}
