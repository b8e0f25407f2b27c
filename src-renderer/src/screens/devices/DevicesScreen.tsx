import { Alert, Button, Card, Group, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { IconPrinter, IconSearch } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../src-main/api/contract';
import { subscribe } from '../../bridge/client';
import { usePos } from '../../app/pos-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ScreenHeader } from '../../components/ScreenHeader';
import { DeviceStatusBadge, type DeviceStatus } from './DeviceStatusBadge';
import { FailedJobs } from './FailedJobs';

type Settings = MethodOutput<'devices.settings'>;
type Discovery = MethodOutput<'devices.discover'>;

const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
const fromHex = (s: string) => (/^[0-9a-f]{1,4}$/i.test(s.trim()) ? parseInt(s, 16) : NaN);

/**
 * The manager's device screen: adapters, ports and addresses, discovery, a test per
 * device, live states, and receipts that failed to print. Saving applies at once.
 */
export function DevicesScreen({ back }: { back(): void }) {
  const { t } = useTranslation();
  const { pos, bridge } = usePos();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [statuses, setStatuses] = useState<DeviceStatus[]>([]);
  const [discovery, setDiscovery] = useState<Discovery | null>(null);
  const [lastCard, setLastCard] = useState<string | null>(null);
  const [lastScan, setLastScan] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    pos.devices.settings().then(setSettings, setError);
    pos.devices.status().then((s) => setStatuses(s.devices), setError);
  }, [pos]);
  useEffect(() => subscribe(bridge, 'device.status', (p) => setStatuses(p.devices)), [bridge]);
  useEffect(() => subscribe(bridge, 'device.card', (p) => setLastCard(p.uid.slice(-4))), [bridge]);
  useEffect(() => subscribe(bridge, 'device.scan', (p) => setLastScan(p.code)), [bridge]);

  const run = useCallback(async (name: string, work: () => Promise<string>) => {
    setBusy(name);
    setError(null);
    setNotice(null);
    try {
      setNotice(await work());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }, []);

  if (!settings) return <ErrorAlert error={error} />;
  const set = <K extends keyof Settings>(kind: K, patch: Partial<Settings[K]>) => setSettings({ ...settings, [kind]: { ...settings[kind], ...patch } });
  const status = (device: DeviceStatus['device']) => statuses.find((s) => s.device === device);
  const serialPorts = (discovery?.serial ?? []).map((p) => p.path);
  const header = (device: DeviceStatus['device'], enabled: boolean, onToggle: (v: boolean) => void) => (
    <Group justify="space-between">
      <Title order={4}>{t(`devices.kinds.${device}`)}</Title>
      <Group gap="sm">
        {status(device) && <DeviceStatusBadge status={status(device)!} />}
        <Switch label={t('devices.enabled')} checked={enabled} onChange={(e) => onToggle(e.currentTarget.checked)} aria-label={`${t(`devices.kinds.${device}`)} ${t('devices.enabled')}`} />
      </Group>
    </Group>
  );

  return (
    <Stack p="xl" gap="md">
      <ScreenHeader title={t('devices.title')} back={back}>
        <Group>
          <Button variant="default" leftSection={<IconSearch size={18} />} loading={busy === 'discover'}
            onClick={() => run('discover', async () => {
              const d = await pos.devices.discover();
              setDiscovery(d);
              return t('devices.discovered', { hid: d.hid.length, serial: d.serial.length });
            })}>
            {t('devices.discover')}
          </Button>
          <Button loading={busy === 'save'} onClick={() => run('save', async () => {
            setSettings(await pos.devices.configure(settings));
            return t('devices.saved');
          })}>
            {t('devices.save')}
          </Button>
        </Group>
      </ScreenHeader>
      <ErrorAlert error={error} />
      {notice && <Alert color="teal" role="status">{notice}</Alert>}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Card withBorder radius="lg">
          <Stack gap="sm">
            {header('printer', settings.printer.enabled, (v) => set('printer', { enabled: v }))}
            <SegmentedControl value={settings.printer.type} onChange={(v) => set('printer', { type: v as 'epson' | 'star' })}
              data={[{ value: 'epson', label: 'EPSON ESC/POS' }, { value: 'star', label: 'STAR' }]} aria-label={t('devices.printerType')} />
            <TextInput label={t('devices.address')} value={settings.printer.address} onChange={(e) => set('printer', { address: e.currentTarget.value })} />
            <Group grow>
              <Select label={t('devices.paper')} value={String(settings.printer.paperMm)} onChange={(v) => set('printer', { paperMm: v === '58' ? 58 : 80 })}
                data={[{ value: '80', label: '80 mm' }, { value: '58', label: '58 mm' }]} allowDeselect={false} />
              <Select label={t('devices.chinese')} value={settings.printer.chinese} onChange={(v) => v && set('printer', { chinese: v as Settings['printer']['chinese'] })}
                data={(['gb18030', 'raster', 'latin'] as const).map((m) => ({ value: m, label: t(`devices.chineseModes.${m}`) }))} allowDeselect={false} />
            </Group>
            <Switch label={t('devices.cashDrawer')} checked={settings.printer.cashDrawer} onChange={(e) => set('printer', { cashDrawer: e.currentTarget.checked })} />
            <Group>
              <Button variant="light" leftSection={<IconPrinter size={18} />} loading={busy === 'print'}
                onClick={() => run('print', async () => {
                  await pos.devices.testPrint();
                  return t('devices.printed');
                })}>
                {t('devices.testPrint')}
              </Button>
            </Group>
          </Stack>
        </Card>
        <Card withBorder radius="lg">
          <Stack gap="sm">
            {header('cardReader', settings.cardReader.enabled, (v) => set('cardReader', { enabled: v }))}
            <Group grow>
              <TextInput label={t('devices.vendorId')} defaultValue={hex(settings.cardReader.vendorId)} onBlur={(e) => set('cardReader', { vendorId: fromHex(e.currentTarget.value) })} />
              <TextInput label={t('devices.productId')} defaultValue={hex(settings.cardReader.productId)} onBlur={(e) => set('cardReader', { productId: fromHex(e.currentTarget.value) })} />
            </Group>
            {discovery && discovery.hid.length > 0 && (
              <Select label="USB HID" placeholder="…" data={discovery.hid.map((d, i) => ({ value: String(i), label: `${hex(d.vendorId)}:${hex(d.productId)} ${d.product ?? ''}` }))}
                onChange={(v) => { const d = v ? discovery.hid[Number(v)] : undefined; if (d) set('cardReader', { vendorId: d.vendorId, productId: d.productId }); }} />
            )}
            <Text size="sm" c="dimmed">{lastCard ? t('devices.lastCard', { tail: lastCard }) : t('devices.tapToTest')}</Text>
          </Stack>
        </Card>
        <Card withBorder radius="lg">
          <Stack gap="sm">
            {header('scanner', settings.scanner.enabled, (v) => set('scanner', { enabled: v }))}
            <Select label={t('devices.port')} value={settings.scanner.path || null} searchable
              data={[...new Set([settings.scanner.path, ...serialPorts].filter(Boolean))]} onChange={(v) => set('scanner', { path: v ?? '' })} />
            <Group grow>
              <NumberInput label={t('devices.baud')} value={settings.scanner.baudRate} onChange={(v) => set('scanner', { baudRate: Number(v) })} allowDecimal={false} />
              <Select label={t('devices.terminator')} value={settings.scanner.terminator} data={['CR', 'LF', 'CRLF', 'TAB']} allowDeselect={false}
                onChange={(v) => v && set('scanner', { terminator: v as Settings['scanner']['terminator'] })} />
            </Group>
            <Text size="sm" c="dimmed">{lastScan ? t('devices.lastScan', { code: lastScan }) : t('devices.tapToTest')}</Text>
          </Stack>
        </Card>
        <Card withBorder radius="lg">
          <Stack gap="sm">
            {header('pump', settings.pump.enabled, (v) => set('pump', { enabled: v }))}
            <Select label={t('devices.port')} value={settings.pump.path || null} searchable
              data={[...new Set([settings.pump.path, ...serialPorts].filter(Boolean))]} onChange={(v) => set('pump', { path: v ?? '' })} />
            <Group grow>
              <NumberInput label={t('devices.baud')} value={settings.pump.baudRate} onChange={(v) => set('pump', { baudRate: Number(v) })} allowDecimal={false} />
              <TextInput label={t('devices.pumps')} defaultValue={settings.pump.pumps.join(', ')}
                onBlur={(e) => set('pump', { pumps: e.currentTarget.value.split(',').map((x) => Number(x.trim())).filter((n) => n > 0) })} />
            </Group>
          </Stack>
        </Card>
      </SimpleGrid>
      <FailedJobs />
    </Stack>
  );
}
