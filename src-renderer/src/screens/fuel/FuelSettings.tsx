import { Alert, Button, Card, Group, NumberInput, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../src-main/api/contract';
import { usePos } from '../../app/pos-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatMoney } from '../../format/money';
import { formatLitres, parseAmount, parseLitres } from './format';
import { formatDateTime } from '../../format/time';

type Setup = MethodOutput<'fuel.setup'>;
type StationDraft = { id: string; name: string; latitude: number | string; longitude: number | string };

/** Manager: where this terminal is, the station list, grades with prices from a time, pumps. */
export function FuelSettings({ onChange }: { onChange(): void }) {
  const { t, i18n } = useTranslation();
  const { pos, info } = usePos();
  const [setup, setSetup] = useState<Setup | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [location, setLocation] = useState({ latitude: '' as number | string, longitude: '' as number | string, radiusMetres: 500 as number | string });
  const [stations, setStations] = useState<StationDraft[]>([]);
  const [grade, setGrade] = useState({ id: '', name: '', price: '', effectiveFrom: '' });
  const [pump, setPump] = useState({ number: '' as number | string, stationId: '', maxLitres: '150', nozzles: '' });

  function show(s: Setup) {
    setSetup(s);
    setStations(s.stations.map((x) => ({ ...x })));
    if (s.location) setLocation(s.location);
    if (!pump.stationId && s.station) setPump((p) => ({ ...p, stationId: s.station!.id }));
  }

  useEffect(() => {
    pos.fuel.setup().then(show, setError);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pos]);

  async function save(fn: () => Promise<Setup>) {
    setError(null);
    setSaved(false);
    try {
      show(await fn());
      setSaved(true);
      onChange();
    } catch (e) {
      setError(e);
    }
  }

  const money = (minor: number) => formatMoney(minor, info.settings.currency, i18n.language);
  const lang = i18n.language as 'en' | 'zh-CN';
  if (!setup) return <ErrorAlert error={error} />;

  function savePump() {
    const nozzles = pump.nozzles.split(/[,，\s]+/).filter(Boolean).map((part) => /^(\d):(\S+)$/.exec(part));
    const volume = parseLitres(pump.maxLitres);
    if (nozzles.length === 0 || nozzles.some((m) => !m) || volume === null) {
      setError(new Error(t('fuel.setup.badNozzles')));
      return;
    }
    void save(() =>
      pos.fuel.setPump({ number: Number(pump.number), stationId: pump.stationId, maxVolume: volume, nozzles: nozzles.map((m) => ({ nozzle: Number(m![1]), gradeId: m![2]! })) }),
    );
  }

  function saveGrade() {
    const price = grade.price.trim() ? parseAmount(grade.price) : undefined;
    void save(() =>
      pos.fuel.setGrade({
        id: grade.id,
        name: grade.name,
        ...(price ? { price } : {}),
        ...(grade.effectiveFrom ? { effectiveFrom: new Date(grade.effectiveFrom).toISOString() } : {}),
      }),
    );
  }

  return (
    <Stack>
      {setup.problem ? (
        <Alert color="red" role="alert" data-testid="fuel-setup-problem">
          {setup.problem.message[lang]}
        </Alert>
      ) : (
        setup.station && <Alert color="green">{t('fuel.setup.found', { name: setup.station.name, distance: setup.station.distanceMetres })}</Alert>
      )}
      <ErrorAlert error={error} />
      {saved && <Text c="teal">{t('fuel.setup.saved')}</Text>}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Card withBorder radius="lg">
          <Stack>
            <Title order={4}>{t('fuel.setup.location')}</Title>
            <Group grow>
              <NumberInput label={t('fuel.setup.latitude')} decimalScale={6} value={location.latitude} onChange={(v) => setLocation({ ...location, latitude: v })} />
              <NumberInput label={t('fuel.setup.longitude')} decimalScale={6} value={location.longitude} onChange={(v) => setLocation({ ...location, longitude: v })} />
              <NumberInput label={t('fuel.setup.radius')} allowDecimal={false} value={location.radiusMetres} onChange={(v) => setLocation({ ...location, radiusMetres: v })} />
            </Group>
            <Button onClick={() => void save(() => pos.fuel.setLocation({ latitude: Number(location.latitude), longitude: Number(location.longitude), radiusMetres: Number(location.radiusMetres) }))}>
              {t('common.save')}
            </Button>
            <Title order={4}>{t('fuel.setup.stations')}</Title>
            {stations.map((s, i) => (
              <Group key={i} grow align="flex-end">
                <TextInput label={t('fuel.setup.stationId')} value={s.id} onChange={(e) => setStations(stations.map((x, j) => (j === i ? { ...x, id: e.currentTarget.value } : x)))} />
                <TextInput label={t('fuel.setup.stationName')} value={s.name} onChange={(e) => setStations(stations.map((x, j) => (j === i ? { ...x, name: e.currentTarget.value } : x)))} />
                <NumberInput label={t('fuel.setup.latitude')} decimalScale={6} value={s.latitude} onChange={(v) => setStations(stations.map((x, j) => (j === i ? { ...x, latitude: v } : x)))} />
                <NumberInput label={t('fuel.setup.longitude')} decimalScale={6} value={s.longitude} onChange={(v) => setStations(stations.map((x, j) => (j === i ? { ...x, longitude: v } : x)))} />
                <Button variant="subtle" color="red" onClick={() => setStations(stations.filter((_, j) => j !== i))}>
                  {t('fuel.setup.remove')}
                </Button>
              </Group>
            ))}
            <Group>
              <Button variant="light" onClick={() => setStations([...stations, { id: '', name: '', latitude: '', longitude: '' }])}>
                {t('fuel.setup.addStation')}
              </Button>
              <Button onClick={() => void save(() => pos.fuel.setStations({ stations: stations.map((s) => ({ ...s, latitude: Number(s.latitude), longitude: Number(s.longitude) })) }))}>
                {t('fuel.setup.saveStations')}
              </Button>
            </Group>
          </Stack>
        </Card>
        <Card withBorder radius="lg">
          <Stack>
            <Title order={4}>{t('fuel.setup.grades')}</Title>
            <Table>
              <Table.Tbody>
                {setup.grades.map((g) => (
                  <Table.Tr key={g.id}>
                    <Table.Td>{g.id}</Table.Td>
                    <Table.Td>{g.name}</Table.Td>
                    <Table.Td>{g.price === null ? '—' : money(g.price)}</Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed">
                        {g.prices.map((p) => `${money(p.price)} ← ${formatDateTime(p.effectiveFrom, i18n.language, info.settings.timeZone)}`).join(' · ')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Group grow>
              <TextInput label={t('fuel.setup.gradeId')} value={grade.id} onChange={(e) => setGrade({ ...grade, id: e.currentTarget.value })} />
              <TextInput label={t('fuel.setup.gradeName')} value={grade.name} onChange={(e) => setGrade({ ...grade, name: e.currentTarget.value })} />
              <TextInput label={t('fuel.setup.price')} inputMode="decimal" value={grade.price} onChange={(e) => setGrade({ ...grade, price: e.currentTarget.value })} />
            </Group>
            <TextInput type="datetime-local" label={t('fuel.setup.effectiveFrom')} description={t('fuel.setup.effectiveHint')} value={grade.effectiveFrom} onChange={(e) => setGrade({ ...grade, effectiveFrom: e.currentTarget.value })} />
            <Button onClick={saveGrade}>{t('fuel.setup.saveGrade')}</Button>
            <Title order={4}>{t('fuel.setup.pumps')}</Title>
            <Table>
              <Table.Tbody>
                {setup.pumps.map((p) => (
                  <Table.Tr key={p.number}>
                    <Table.Td>{t('fuel.pump', { n: p.number })}</Table.Td>
                    <Table.Td>{p.stationId}</Table.Td>
                    <Table.Td>{p.nozzles.map((n) => `${n.nozzle}:${n.gradeId}`).join(', ')}</Table.Td>
                    <Table.Td>{t('fuel.limit', { litres: formatLitres(p.maxVolume) })}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Group grow>
              <NumberInput label={t('fuel.setup.pumpNumber')} allowDecimal={false} min={1} max={99} value={pump.number} onChange={(v) => setPump({ ...pump, number: v })} />
              <TextInput label={t('fuel.setup.stationId')} value={pump.stationId} onChange={(e) => setPump({ ...pump, stationId: e.currentTarget.value })} />
              <TextInput label={t('fuel.setup.maxLitres')} inputMode="decimal" value={pump.maxLitres} onChange={(e) => setPump({ ...pump, maxLitres: e.currentTarget.value })} />
            </Group>
            <TextInput label={t('fuel.setup.nozzles')} value={pump.nozzles} onChange={(e) => setPump({ ...pump, nozzles: e.currentTarget.value })} />
            <Button onClick={savePump}>{t('fuel.setup.savePump')}</Button>
          </Stack>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
