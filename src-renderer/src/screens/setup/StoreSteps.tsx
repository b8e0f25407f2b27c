import { Button, Card, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../src-main/api/contract';
import { usePos } from '../../app/pos-context';
import { subscribe } from '../../bridge/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DeviceStatusBadge, type DeviceStatus } from '../devices/DeviceStatusBadge';

export type Status = MethodOutput<'setup.status'>;
type Workflow = NonNullable<Status['workflows']>[number];
const WORKFLOWS: Workflow[] = ['lockers', 'fuel', 'cards', 'coupons', 'miles', 'shop'];
const CURRENCIES = ['CNY', 'HKD', 'MOP', 'TWD', 'USD', 'EUR', 'JPY', 'SGD'];

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Asia/Shanghai'];
  }
}

/** Store details: what receipts carry and how the store keeps time and money. */
export function StoreDetailsStep({ status, onSaved }: { status: Status; onSaved(s: Status): void }) {
  const { t } = useTranslation();
  const { pos, refreshInfo } = usePos();
  const [d, setD] = useState(status.details);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const field = (k: keyof typeof d) => ({ value: d[k], onChange: (e: React.ChangeEvent<HTMLInputElement>) => setD({ ...d, [k]: e.currentTarget.value }) });

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const s = await pos.setup.saveStore(d);
      await refreshInfo();
      onSaved(s);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={save}>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput size="md" label={t('storeSetup.store.name')} required {...field('storeName')} />
          <TextInput size="md" label={t('storeSetup.store.phone')} {...field('phone')} />
          <TextInput size="md" label={t('storeSetup.store.address')} {...field('address')} />
          <TextInput size="md" label={t('storeSetup.store.taxNumber')} {...field('taxNumber')} />
          <Select size="md" label={t('storeSetup.store.timeZone')} searchable data={timeZones()} value={d.timeZone} onChange={(v) => v && setD({ ...d, timeZone: v })} allowDeselect={false} />
          <Select size="md" label={t('storeSetup.store.currency')} data={CURRENCIES.includes(d.currency) ? CURRENCIES : [d.currency, ...CURRENCIES]} value={d.currency} onChange={(v) => v && setD({ ...d, currency: v })} allowDeselect={false} />
        </SimpleGrid>
        <TextInput size="md" label={t('storeSetup.store.footer')} description={t('storeSetup.store.footerHint')} {...field('footer')} />
        <ErrorAlert error={error} />
        <Group>
          <Button type="submit" size="lg" loading={busy}>
            {t('storeSetup.store.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Which workflows this venue uses: big toggles, the home screen then shows only these. */
export function WorkflowsStep({ status, onSaved }: { status: Status; onSaved(s: Status): void }) {
  const { t } = useTranslation();
  const { pos } = usePos();
  const [chosen, setChosen] = useState<Workflow[]>(status.workflows ?? []);
  const [error, setError] = useState<unknown>(null);
  const toggle = (w: Workflow) => setChosen((c) => (c.includes(w) ? c.filter((x) => x !== w) : [...c, w]));

  async function save() {
    setError(null);
    try {
      onSaved(await pos.setup.setWorkflows({ workflows: chosen }));
    } catch (e) {
      setError(e);
    }
  }

  return (
    <Stack>
      <Text>{t('storeSetup.workflows.hint')}</Text>
      <SimpleGrid cols={{ base: 2, sm: 3 }}>
        {WORKFLOWS.map((w) => (
          <Button key={w} size="xl" variant={chosen.includes(w) ? 'filled' : 'default'} aria-pressed={chosen.includes(w)} onClick={() => toggle(w)}>
            {t(`storeSetup.workflows.names.${w}`)}
          </Button>
        ))}
      </SimpleGrid>
      <ErrorAlert error={error} />
      <Group>
        <Button size="lg" onClick={() => void save()} disabled={chosen.length === 0}>
          {t('storeSetup.workflows.save')}
        </Button>
      </Group>
    </Stack>
  );
}

/** The devices this counter has, and the way to the Devices screen where they are set up. */
export function DevicesStep({ openDevices }: { openDevices(): void }) {
  const { t } = useTranslation();
  const { pos, bridge } = usePos();
  const [devices, setDevices] = useState<DeviceStatus[]>([]);
  useEffect(() => {
    void pos.devices.status().then((s) => setDevices(s.devices), () => {});
    return subscribe(bridge, 'device.status', (p) => setDevices(p.devices));
  }, [pos, bridge]);
  return (
    <Stack>
      <Text>{t('storeSetup.devices.hint')}</Text>
      <Card withBorder radius="lg">
        <Group>
          {devices.map((d) => (
            <DeviceStatusBadge key={d.device} status={d} withName />
          ))}
        </Group>
      </Card>
      <Group>
        <Button size="lg" variant="light" onClick={openDevices}>
          {t('storeSetup.devices.open')}
        </Button>
      </Group>
    </Stack>
  );
}
