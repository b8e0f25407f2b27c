import { Badge, Button, Card, Group, Modal, ScrollArea, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPrinter, IconSearch } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../src-main/api/contract';
import { usePos } from '../../app/pos-context';
import { subscribe } from '../../bridge/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ScreenHeader } from '../../components/ScreenHeader';
import { formatMoney } from '../../format/money';
import { OpenDrawer } from './OpenDrawer';
import { ReceiptSettingsCard } from './ReceiptSettingsCard';
import { WaitingReceipts } from './WaitingReceipts';

type Listing = MethodOutput<'receipts.list'>;
type Detail = MethodOutput<'receipts.get'>;

/** A CJK monospace font draws Chinese and full-width ￥ at exactly two columns, as the printer does. */
const PAPER_FONT = "'Noto Sans Mono CJK SC', 'Sarasa Mono SC', 'Microsoft YaHei Mono', monospace";

const STATE_COLORS = { printed: 'green', failed: 'red', dismissed: 'gray', none: 'yellow' } as const;

/**
 * The cashier's receipts: today's receipts of this terminal, newest first, found by number,
 * amount, phone tail, locker or pump; each opens as the paper it printed, with Reprint.
 * Receipts that did not print wait at the top until they print or a manager dismisses them.
 */
export function ReceiptsScreen({ back }: { back(): void }) {
  const { t, i18n } = useTranslation();
  const { pos, bridge, info, staff } = usePos();
  const [query, setQuery] = useState('');
  const [listing, setListing] = useState<Listing>({ receipts: [], waiting: [] });
  const [open, setOpen] = useState<Detail | null>(null);
  const [copyLocale, setCopyLocale] = useState<'zh-CN' | 'en'>('zh-CN');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const isManager = staff?.role === 'manager';
  const money = (minor: number) => formatMoney(minor, info.settings.currency, i18n.language);
  const time = (iso: string) => new Intl.DateTimeFormat(i18n.language, { timeZone: info.settings.timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

  const load = useCallback(() => pos.receipts.list({ query }).then(setListing, setError), [pos, query]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => subscribe(bridge, 'device.printJob', () => void load()), [bridge, load]);

  const show = (id: string) =>
    pos.receipts.get({ id }).then((d) => {
      setOpen(d);
      setCopyLocale(d.locale);
    }, setError);
  const reprint = async (id: string) => {
    setBusy(true);
    setError(null);
    try {
      const r = await pos.receipts.reprint({ id, ...(copyLocale !== open?.locale ? { locale: copyLocale } : {}) });
      setNotice(t('receipts.reprinted', { number: r.number }));
      await show(id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      void load();
    }
  };

  return (
    <Stack p="xl" gap="lg">
      <ScreenHeader title={t('receipts.title')} back={back}>
        {isManager && <OpenDrawer onDone={setNotice} />}
      </ScreenHeader>
      {notice && (
        <Text role="status" c="green.8">
          {notice}
        </Text>
      )}
      <ErrorAlert error={error} />
      <WaitingReceipts waiting={listing.waiting} money={money} onChange={load} onNotice={setNotice} onError={setError} />
      <Card withBorder radius="lg">
        <Group justify="space-between" mb="sm">
          <Title order={4}>{t('receipts.today')}</Title>
          <TextInput
            w={360}
            size="md"
            leftSection={<IconSearch size={18} />}
            label={t('receipts.search')}
            placeholder={t('receipts.searchHint')}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
          />
        </Group>
        {listing.receipts.length === 0 ? (
          <Text c="dimmed">{query ? t('receipts.noMatch') : t('receipts.none')}</Text>
        ) : (
          <Table verticalSpacing="sm" highlightOnHover data-testid="receipts-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('receipts.number')}</Table.Th>
                <Table.Th>{t('receipts.time')}</Table.Th>
                <Table.Th>{t('receipts.kind')}</Table.Th>
                <Table.Th>{t('receipts.total')}</Table.Th>
                <Table.Th>{t('receipts.printState')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {listing.receipts.map((r) => (
                <Table.Tr key={r.id} data-receipt={r.number} data-state={r.printState}>
                  <Table.Td ff="monospace">{r.number}</Table.Td>
                  <Table.Td>{time(r.createdAt)}</Table.Td>
                  <Table.Td>
                    {t(`receipts.kinds.${r.kind}`, { defaultValue: r.kind })}
                    {r.lockers.length > 0 && ` · ${r.lockers.join(', ')}`}
                    {r.pump !== null && ` · ${t('receipts.pump', { pump: r.pump })}`}
                  </Table.Td>
                  <Table.Td>{money(r.total)}</Table.Td>
                  <Table.Td>
                    <Badge color={STATE_COLORS[r.printState]}>{t(`receipts.states.${r.printState}`)}</Badge>
                    {r.reprints > 0 && <Text span size="xs" c="dimmed"> {t('receipts.reprints', { count: r.reprints })}</Text>}
                  </Table.Td>
                  <Table.Td>
                    <Button variant="light" h={44} onClick={() => void show(r.id)}>
                      {t('receipts.open')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      {isManager && <ReceiptSettingsCard onSaved={() => setNotice(t('receipts.settingsSaved'))} />}
      <Modal opened={open !== null} onClose={() => setOpen(null)} title={open ? `${t('receipts.receipt')} ${open.receipt.number}` : ''} size="auto">
        {open && (
          <Stack>
            <ScrollArea.Autosize mah="60vh">
              <Text component="pre" size="sm" data-testid="receipt-preview" style={{ whiteSpace: 'pre', margin: 0, fontFamily: PAPER_FONT }}>
                {open.preview}
              </Text>
            </ScrollArea.Autosize>
            <Text size="xs" c="dimmed">
              {t('receipts.paper', { mm: open.paperMm })}
            </Text>
            <SegmentedControl
              aria-label={t('receipts.copyLanguage')}
              value={copyLocale}
              onChange={(v) => setCopyLocale(v as 'zh-CN' | 'en')}
              data={[{ value: 'zh-CN', label: '中文' }, { value: 'en', label: 'English' }]}
            />
            <Button h={48} leftSection={<IconPrinter size={18} />} loading={busy} onClick={() => void reprint(open.receipt.id)}>
              {t('receipts.reprint')}
            </Button>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
