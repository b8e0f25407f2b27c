import { Alert, Badge, Button, Card, Group, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale, MethodOutput } from '../../../../src-main/api/contract';
import { usePos } from '../../app/pos-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FuelSettings } from '../fuel/FuelSettings';
import { CsvPanel } from './CsvPanel';

type Station = MethodOutput<'setup.stations'>[number];
type Found = MethodOutput<'setup.useStation'>;

/**
 * The fuel station this terminal stands at, picked from the list (name and address): its
 * coordinates become the terminal's location. The test button says which station the terminal
 * resolves to and how far away. Grades, prices and pumps below are the fuel screen's own settings.
 */
export function FuelStep({ onChanged }: { onChanged(): void }) {
  const { t, i18n } = useTranslation();
  const { pos } = usePos();
  const [stations, setStations] = useState<Station[]>([]);
  const [found, setFound] = useState<Found | null>(null);
  const [form, setForm] = useState({ name: '', address: '', latitude: '' as number | string, longitude: '' as number | string });
  const [error, setError] = useState<unknown>(null);
  const [settingsKey, setSettingsKey] = useState(0);
  const lang = i18n.language as Locale;

  const load = useCallback(() => pos.setup.stations().then(setStations, setError), [pos]);
  const test = useCallback(() => pos.fuel.setup().then((s) => setFound({ station: s.station, problem: s.problem }), setError), [pos]);
  useEffect(() => {
    void load();
    void test();
  }, [load, test]);

  async function act(fn: () => Promise<unknown>) {
    setError(null);
    try {
      await fn();
      onChanged();
      // The fuel settings below read the location and station list again.
      setSettingsKey((k) => k + 1);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <Stack>
      <Card withBorder radius="lg">
        <Stack gap="xs">
          <Title order={5}>{t('storeSetup.fuel.stations')}</Title>
          {stations.length === 0 ? (
            <Text>{t('storeSetup.fuel.noStations')}</Text>
          ) : (
            <Table data-testid="station-list">
              <Table.Tbody>
                {stations.map((s) => (
                  <Table.Tr key={s.id} data-station={s.id}>
                    <Table.Td>
                      <Text fw={600}>{s.name}</Text>
                      <Text size="sm" c="dimmed">
                        {s.address}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed">{`${s.latitude}, ${s.longitude}`}</Text>
                    </Table.Td>
                    <Table.Td>
                      {found?.station?.id === s.id ? (
                        <Badge color="teal" size="lg">
                          {t('storeSetup.fuel.using')}
                        </Badge>
                      ) : (
                        <Button size="md" variant="light" aria-label={`${t('storeSetup.fuel.use')}: ${s.name}`} onClick={() => void act(() => pos.setup.useStation({ stationId: s.id }).then(setFound))}>
                          {t('storeSetup.fuel.use')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Group align="flex-end">
            <TextInput size="md" label={t('storeSetup.fuel.name')} value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} />
            <TextInput size="md" label={t('storeSetup.fuel.address')} value={form.address} onChange={(e) => setForm({ ...form, address: e.currentTarget.value })} />
            <NumberInput size="md" label={t('storeSetup.fuel.latitude')} decimalScale={6} value={form.latitude} onChange={(v) => setForm({ ...form, latitude: v })} />
            <NumberInput size="md" label={t('storeSetup.fuel.longitude')} decimalScale={6} value={form.longitude} onChange={(v) => setForm({ ...form, longitude: v })} />
            <Button
              size="md"
              variant="light"
              disabled={!form.name || form.latitude === '' || form.longitude === ''}
              onClick={() =>
                void act(async () => {
                  setStations(await pos.setup.saveStation({ name: form.name, address: form.address, latitude: Number(form.latitude), longitude: Number(form.longitude) }));
                  setForm({ name: '', address: '', latitude: '', longitude: '' });
                })
              }
            >
              {t('storeSetup.fuel.addStation')}
            </Button>
          </Group>
          <Group>
            <Button size="md" onClick={() => void test()} data-testid="station-test">
              {t('storeSetup.fuel.test')}
            </Button>
          </Group>
          {found && (
            <Alert color={found.station ? 'teal' : 'red'} data-testid="station-found" role="status">
              {found.station ? t('storeSetup.fuel.resolves', { name: found.station.name, distance: found.station.distanceMetres }) : found.problem?.message[lang]}
            </Alert>
          )}
          <ErrorAlert error={error} />
        </Stack>
      </Card>
      <CsvPanel kind="stations" onImported={() => void load().then(onChanged)} />
      <Title order={5}>{t('storeSetup.fuel.grades')}</Title>
      <FuelSettings key={settingsKey} onChange={() => { onChanged(); void load(); void test(); }} />
    </Stack>
  );
}
