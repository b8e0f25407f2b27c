import { Badge, Button, Card, Checkbox, Grid, Group, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../src-main/api/contract';
import { usePos } from '../../app/pos-context';
import { subscribe } from '../../bridge/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format/time';
import { useMoney } from '../lockers/shared';
import { CsvPanel } from './CsvPanel';
import { yuanText } from './LockersStep';

type Catalog = MethodOutput<'catalog.list'>;
type Item = Catalog['items'][number];
type Kind = Catalog['outlets'][number]['kind'];
const KINDS: Kind[] = ['restaurant', 'massage', 'shop', 'other'];
const EMPTY = { id: '', nameZh: '', nameEn: '', category: '', price: '', effectiveFrom: '', barcode: '', active: true };

/**
 * Outlets and their items: pick an outlet, find an item by quick search (name, barcode,
 * category), edit it or add one. A scan fills the barcode (or opens the item it belongs to).
 * A new price takes effect from a time; past charges keep what they were charged.
 */
export function CatalogStep({ onChanged }: { onChanged(): void }) {
  const { t, i18n } = useTranslation();
  const { pos, bridge, info } = usePos();
  const money = useMoney();
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  /** When the catalog was read: price rows after it are changes still to come. */
  const [loadedAt, setLoadedAt] = useState(0);
  const [outletId, setOutletId] = useState('');
  const [query, setQuery] = useState('');
  const [form, setForm] = useState(EMPTY);
  const [outletForm, setOutletForm] = useState({ nameZh: '', nameEn: '', kind: 'restaurant' as Kind });
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const zh = i18n.language === 'zh-CN';

  const load = useCallback(
    () =>
      pos.catalog.list().then((c) => {
        setCatalog(c);
        setLoadedAt(Date.now());
        setOutletId((id) => id || c.outlets[0]?.id || '');
      }, setError),
    [pos],
  );
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => subscribe(bridge, 'catalog.changed', () => void load()), [bridge, load]);

  const edit = (i: Item) =>
    setForm({ id: i.id, nameZh: i.nameZh, nameEn: i.nameEn, category: i.category, price: i.price === null ? '' : yuanText(i.price), effectiveFrom: '', barcode: i.barcode ?? '', active: i.active });
  const editing = catalog?.items.find((i) => i.id === form.id);

  // A scan while this step is open: the item it belongs to, or the barcode of the item being added.
  useEffect(
    () =>
      subscribe(bridge, 'device.scan', (p) => {
        const owner = catalog?.items.find((i) => i.barcode === p.code);
        if (owner) {
          setOutletId(owner.outletId);
          edit(owner);
        } else setForm((f) => ({ ...f, barcode: p.code }));
      }),
    [bridge, catalog],
  );

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (catalog?.items ?? []).filter(
      (i) => (q ? [i.nameZh, i.nameEn, i.barcode ?? '', i.category].some((s) => s.toLowerCase().includes(q)) : i.outletId === outletId),
    );
  }, [catalog, query, outletId]);

  async function saveItem(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    setDone(null);
    const price = form.price.trim() === '' ? undefined : money.parse(form.price);
    if (price === null) {
      setError(new Error(t('storeSetup.lockers.badAmount')));
      return;
    }
    try {
      const saved = await pos.catalog.saveItem({
        ...(form.id ? { id: form.id } : {}),
        outletId: editing?.outletId ?? outletId,
        nameZh: form.nameZh,
        nameEn: form.nameEn,
        category: form.category,
        barcode: form.barcode.trim() || null,
        active: form.active,
        ...(price !== undefined ? { price } : {}),
        ...(form.effectiveFrom ? { effectiveFrom: new Date(form.effectiveFrom).toISOString() } : {}),
      });
      setDone(t('storeSetup.saved'));
      edit(saved);
      await load();
      onChanged();
    } catch (err) {
      setError(err);
    }
  }

  async function addOutlet() {
    setError(null);
    try {
      const o = await pos.catalog.saveOutlet(outletForm);
      setOutletForm({ nameZh: '', nameEn: '', kind: 'restaurant' });
      await load();
      setOutletId(o.id);
    } catch (e) {
      setError(e);
    }
  }

  if (!catalog) return <ErrorAlert error={error} />;
  const readOnly = editing?.origin === 'central';
  return (
    <Stack>
      <Card withBorder radius="lg">
        <Stack gap="xs">
          <Title order={5}>{t('storeSetup.catalog.outlets')}</Title>
          <SegmentedControl size="md" value={outletId} onChange={(v) => { setOutletId(v); setQuery(''); setForm(EMPTY); }} data={catalog.outlets.map((o) => ({ value: o.id, label: zh ? o.nameZh : o.nameEn }))} />
          <Group align="flex-end">
            <TextInput size="md" label={t('storeSetup.catalog.outletNameZh')} value={outletForm.nameZh} onChange={(e) => setOutletForm({ ...outletForm, nameZh: e.currentTarget.value })} />
            <TextInput size="md" label={t('storeSetup.catalog.outletNameEn')} value={outletForm.nameEn} onChange={(e) => setOutletForm({ ...outletForm, nameEn: e.currentTarget.value })} />
            <Select size="md" label={t('storeSetup.catalog.kind')} data={KINDS.map((k) => ({ value: k, label: t(`storeSetup.catalog.kinds.${k}`) }))} value={outletForm.kind} onChange={(v) => v && setOutletForm({ ...outletForm, kind: v as Kind })} allowDeselect={false} />
            <Button size="md" variant="light" onClick={() => void addOutlet()} disabled={!outletForm.nameZh || !outletForm.nameEn}>
              {t('storeSetup.catalog.addOutlet')}
            </Button>
          </Group>
        </Stack>
      </Card>
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder radius="lg">
            <Stack gap="xs">
              <TextInput size="md" label={t('storeSetup.catalog.search')} placeholder={t('storeSetup.catalog.searchHint')} value={query} onChange={(e) => setQuery(e.currentTarget.value)} />
              <Text size="sm" c="dimmed" data-testid="catalog-count">
                {t('storeSetup.catalog.items', { count: shown.length })}
              </Text>
              {shown.length === 0 ? (
                <Text>{t('storeSetup.catalog.noItems')}</Text>
              ) : (
                <Table highlightOnHover data-testid="catalog-items">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('storeSetup.catalog.column.name')}</Table.Th>
                      <Table.Th>{t('storeSetup.catalog.column.category')}</Table.Th>
                      <Table.Th>{t('storeSetup.catalog.column.price')}</Table.Th>
                      <Table.Th>{t('storeSetup.catalog.column.barcode')}</Table.Th>
                      <Table.Th>{t('storeSetup.catalog.column.state')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {shown.map((i) => (
                      <Table.Tr key={i.id} data-item={i.id} aria-selected={i.id === form.id}>
                        <Table.Td>
                          {/* A button, so the keyboard (Tab, Enter) opens an item as a tap does. */}
                          <Button variant={i.id === form.id ? 'light' : 'subtle'} size="compact-md" px={4} onClick={() => edit(i)}>
                            {zh ? i.nameZh : i.nameEn}
                          </Button>
                        </Table.Td>
                        <Table.Td>{i.category}</Table.Td>
                        <Table.Td>{i.price === null ? '—' : money.format(i.price)}</Table.Td>
                        <Table.Td>{i.barcode ?? ''}</Table.Td>
                        <Table.Td>
                          <Group gap={4}>
                            {!i.active && <Badge color="gray">{t('storeSetup.catalog.inactive')}</Badge>}
                            {i.origin === 'central' && <Badge color="indigo">{t('storeSetup.catalog.central')}</Badge>}
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder radius="lg">
            <form onSubmit={saveItem}>
              <Stack gap="xs">
                <Group justify="space-between">
                  <Title order={5}>{editing ? t('storeSetup.catalog.editItem', { name: zh ? editing.nameZh : editing.nameEn }) : t('storeSetup.catalog.newItem')}</Title>
                  {editing && (
                    <Button variant="subtle" size="md" onClick={() => setForm(EMPTY)}>
                      {t('storeSetup.catalog.newItem')}
                    </Button>
                  )}
                </Group>
                {readOnly && <Text c="indigo">{t('storeSetup.catalog.readOnly')}</Text>}
                <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0 }}>
                  <Stack gap="xs">
                    <TextInput size="md" label={t('storeSetup.catalog.nameZh')} required value={form.nameZh} onChange={(e) => setForm({ ...form, nameZh: e.currentTarget.value })} />
                    <TextInput size="md" label={t('storeSetup.catalog.nameEn')} required value={form.nameEn} onChange={(e) => setForm({ ...form, nameEn: e.currentTarget.value })} />
                    <TextInput size="md" label={t('storeSetup.catalog.category')} value={form.category} onChange={(e) => setForm({ ...form, category: e.currentTarget.value })} />
                    <TextInput size="md" label={t('storeSetup.catalog.price')} inputMode="decimal" required={!editing} value={form.price} onChange={(e) => setForm({ ...form, price: e.currentTarget.value })} />
                    <TextInput size="md" type="datetime-local" label={t('storeSetup.catalog.effectiveFrom')} description={t('storeSetup.catalog.effectiveHint')} value={form.effectiveFrom} onChange={(e) => setForm({ ...form, effectiveFrom: e.currentTarget.value })} />
                    {/* Price changes still to come (a past row is history, kept for the charges it priced). */}
                    {editing && editing.prices.some((p) => Date.parse(p.effectiveFrom) > loadedAt) && (
                      <Text size="xs" c="dimmed" data-testid="catalog-scheduled">
                        {editing.prices.filter((p) => Date.parse(p.effectiveFrom) > loadedAt).map((p) => t('storeSetup.catalog.scheduled', { when: formatDateTime(p.effectiveFrom, i18n.language, info.settings.timeZone), price: money.format(p.price) })).join(' · ')}
                      </Text>
                    )}
                    <TextInput size="md" label={t('storeSetup.catalog.barcode')} description={t('storeSetup.catalog.barcodeHint')} value={form.barcode} onChange={(e) => setForm({ ...form, barcode: e.currentTarget.value })} />
                    <Checkbox size="lg" label={t('storeSetup.catalog.active')} checked={form.active} onChange={(e) => setForm({ ...form, active: e.currentTarget.checked })} />
                    <Button type="submit" size="lg">
                      {t('storeSetup.catalog.saveItem')}
                    </Button>
                  </Stack>
                </fieldset>
                <ErrorAlert error={error} />
                {done && (
                  <Text c="teal" role="status">
                    {done}
                  </Text>
                )}
              </Stack>
            </form>
          </Card>
        </Grid.Col>
      </Grid>
      <CsvPanel kind="catalog" onImported={() => void load().then(onChanged)} />
    </Stack>
  );
}
