import { Button, Card, Group, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePos } from '../../app/pos-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ConfirmModal, useCommandId, useMoney, type Overview, useCardTap } from './shared';

/** The pre-pay order at an outlet: tap a wristband, pick items or type an amount, confirm. */
export function ChargePanel({ overview, onChanged }: { overview: Overview; onChanged(): void }) {
  const { t, i18n } = useTranslation();
  const { pos } = usePos();
  const money = useMoney();
  const command = useCommandId();
  const [wristband, setWristband] = useState('');
  const [outlet, setOutlet] = useState(overview.outlets[0]?.code ?? '');
  const [cart, setCart] = useState<Record<string, number>>({});
  const [amountText, setAmountText] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  useCardTap((uid) => {
    setWristband(uid);
    setDone(null);
    setError(null);
  });

  const zh = i18n.language === 'zh-CN';
  const items = overview.outlets.find((o) => o.code === outlet)?.items ?? [];
  const lines = items.filter((i) => cart[i.id]).map((i) => ({ ...i, quantity: cart[i.id]! }));
  const typed = amountText.trim() === '' ? null : money.parse(amountText);
  const amount = lines.length > 0 ? lines.reduce((s, l) => s + l.price * l.quantity, 0) : typed;
  const lockerLabel = /^\d+$/.test(wristband) ? wristband : (overview.demo?.lockers.find((l) => l.uid === wristband.toUpperCase())?.locker ?? (wristband ? `…${wristband.slice(-4)}` : ''));
  const ready = wristband.trim() !== '' && amount !== null && amount > 0;

  async function charge() {
    setBusy(true);
    setError(null);
    try {
      const r = await pos.lockers.charge({
        commandId: command.get(),
        wristband: wristband.trim(),
        outlet,
        ...(lines.length > 0 ? { items: lines.map((l) => ({ itemId: l.id, quantity: l.quantity })) } : { amount: typed! }),
      });
      command.done();
      setConfirming(false);
      setDone(t('lockers.charged', { amount: money.format(r.amount), locker: r.locker, wristbandLeft: money.format(r.wristbandLeft), partyLeft: money.format(r.partyLeft) }));
      setCart({});
      setAmountText('');
      onChanged();
    } catch (e) {
      setError(e);
      setConfirming(false);
      command.failed(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack>
      <Card withBorder radius="lg">
        <Group align="flex-end">
          <TextInput label={t('lockers.wristband')} description={t('lockers.tapHint')} value={wristband} onChange={(e) => setWristband(e.currentTarget.value)} size="lg" w={260} />
          {lockerLabel && <Text size="xl" fw={700} data-testid="charge-locker">{`${t('lockers.locker')} ${lockerLabel}`}</Text>}
        </Group>
      </Card>
      <Card withBorder radius="lg">
        <Stack>
          <SegmentedControl
            size="lg"
            value={outlet}
            onChange={(v) => { setOutlet(v); setCart({}); }}
            data={overview.outlets.map((o) => ({ value: o.code, label: zh ? o.nameZh : o.nameEn }))}
          />
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            {items.map((i) => (
              <Button key={i.id} variant={cart[i.id] ? 'filled' : 'light'} size="xl" h={80} onClick={() => setCart((c) => ({ ...c, [i.id]: (c[i.id] ?? 0) + 1 }))}>
                <Stack gap={0} align="center">
                  <span>{zh ? i.nameZh : i.nameEn}</span>
                  <Text size="sm">{money.format(i.price)}</Text>
                </Stack>
              </Button>
            ))}
          </SimpleGrid>
          {lines.length > 0 && (
            <Table>
              <Table.Tbody>
                {lines.map((l) => (
                  <Table.Tr key={l.id}>
                    <Table.Td>{zh ? l.nameZh : l.nameEn}</Table.Td>
                    <Table.Td>x{l.quantity}</Table.Td>
                    <Table.Td>{money.format(l.price * l.quantity)}</Table.Td>
                    <Table.Td>
                      <Button variant="subtle" color="red" onClick={() => setCart((c) => ({ ...c, [l.id]: 0 }))}>
                        ✕
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <TextInput
            label={t('lockers.amount')}
            value={amountText}
            disabled={lines.length > 0}
            onChange={(e) => setAmountText(e.currentTarget.value)}
            size="lg"
            inputMode="decimal"
            w={260}
            error={amountText.trim() !== '' && typed === null ? t('lockers.badAmount') : null}
          />
          <ErrorAlert error={error} />
          {done && (
            <Text c="teal" role="status" size="lg">
              {done}
            </Text>
          )}
          <Button size="xl" disabled={!ready} onClick={() => { setError(null); setConfirming(true); }}>
            {amount ? `${t('lockers.charge')} ${money.format(amount)}` : t('lockers.charge')}
          </Button>
        </Stack>
      </Card>
      <ConfirmModal
        opened={confirming}
        busy={busy}
        error={null}
        onClose={() => setConfirming(false)}
        onConfirm={() => void charge()}
        lines={[`${t('lockers.locker')} ${lockerLabel}`, `${t('lockers.outlet')}: ${zh ? overview.outlets.find((o) => o.code === outlet)?.nameZh : overview.outlets.find((o) => o.code === outlet)?.nameEn}`, `${t('lockers.total')}: ${amount !== null ? money.format(amount) : '-'}`]}
      />
    </Stack>
  );
}
