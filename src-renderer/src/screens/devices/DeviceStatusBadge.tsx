import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../../../src-main/api/contract';

export type DeviceStatus = EventPayload<'device.status'>['devices'][number];

const COLORS: Record<DeviceStatus['state'], string> = { online: 'teal', offline: 'red', connecting: 'yellow', disabled: 'gray' };

/** A device's state in the cashier's words; the adapter's technical reason is in the tooltip. */
export function DeviceStatusBadge({ status, withName = false }: { status: DeviceStatus; withName?: boolean }) {
  const { t } = useTranslation();
  const state = t(`devices.states.${status.state}`);
  const label = withName ? t('common.lv', { label: t(`devices.kinds.${status.device}`), value: state }) : state;
  const badge = (
    <Badge color={COLORS[status.state]} variant={status.state === 'online' ? 'filled' : 'light'} data-device={status.device} data-state={status.state}>
      {label}
    </Badge>
  );
  return status.reason ? <Tooltip label={status.reason}>{badge}</Tooltip> : badge;
}
