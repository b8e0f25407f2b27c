import { Button, Card, Grid, Group, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePos } from '../../app/pos-context';
import { useDraft } from '../../app/drafts';
import { ActionBar, ActionFigure } from '../../components/ActionBar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ConfirmModal, useCommandId, useMoney, type Overview, useCardTap } from './shared';

type Left = { locker: number; wristband: number; party: number };

/**
 * The pre-pay order at an outlet: tap a wristband (what is left shows at once), pick items or
 * type an amount, confirm. The cart stays in view beside the items, and survives a reload.
 */
export function ChargePanel({ overview, onChanged }: { overview: Overview; onChanged(): void }) {
  const { t, i18n } = useTranslation();
  const { pos } = usePos();
  const money = useMoney();
  const command = useCommandId();
  const [draft, setDraft, clearDraft] = useDraft('charge', { wristband: '', outlet: overview.outlets[0]?.code ?? '', cart: {} as Record<string, number>, amountText: '' });
  const { wristband, outlet, cart, amountText } = draft;
  const [left, setLeft] = useState<Left | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  /** What the tapped wristband may still spend: its own quota and its party's, the smaller binds. */
  async function showLeft(ref: string) {
    setLeft(null);
    try {
      const found = await pos.lockers.lookup({ wristband: ref });
      const w = found.party.wristbands.find((x) => x.locker === found.tappedLocker);
      if (w) setLeft({ locker: w.locker, wristband: w.left, party: found.party.partyLeft });
    } catch (e) {
      setError(e);
    }
  }

  useCardTap((uid) => {
    setDraft({ wristband: uid });
    setDone(null);
    setError(null);
    void showLeft(uid);
  });

  const zh = i18n.language === 'zh-CN';
  const items = overview.outlets.find((o) => o.code === outlet)?.items ?? [];
  const lines = items.filter((i) => cart[i.id]).map((i) => ({ ...i, quantity: cart[i.id]! }));
  const typed = amountText.trim() === '' ? null : money.parse(amountText);
  const amount = lines.length > 0 ? lines.reduce((s, l) => s + l.price * l.quantity, 0) : typed;
  const lockerLabel = /^\d+$/.test(wristband) ? wristband : (overview.demo?.lockers.find((l) => l.uid === wristband.toUpperCase())?.locker ?? left?.locker ?? (wristband ? `…${wristband.slice(-4)}` : ''));
  const ready = wristband.trim() !== '' && amount !== null && amount > 0;
  const outletName = (code: string) => {
    const o = overview.outlets.find((x) => x.code === code);
    return o ? (zh ? o.nameZh : o.nameEn) : '';
  };

  function ask() {
    if (!ready) return;
    setError(null);
    setConfirming(true);
  }

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
      setLeft({ locker: r.locker, wristband: r.wristbandLeft, party: r.partyLeft });
      setDraft({ cart: {}, amountText: '' });
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
    <Stack gap="sm">
      <Grid gutter="sm">
        <Grid.Col span={{ base: 12, sm: 7 }}>
          <Card withBorder radius="lg" p="sm">
            <Stack gap="sm">
              <SegmentedControl size="md" value={outlet} onChange={(v) => setDraft({ outlet: v, cart: {} })} data={overview.outlets.map((o) => ({ value: o.code, label: zh ? o.nameZh : o.nameEn }))} />
              <SimpleGrid cols={{ base: 2, md: 3 }} spacing="xs" data-testid="charge-items">
                {items.map((i) => (
                  <Button key={i.id} variant={cart[i.id] ? 'filled' : 'light'} size="lg" h={72} px="xs" onClick={() => setDraft((d) => ({ cart: { ...d.cart, [i.id]: (d.cart[i.id] ?? 0) + 1 } }))}>
                    <Stack gap={0} align="center">
                      <Text fw={600} size="md" lineClamp={1}>
                        {zh ? i.nameZh : i.nameEn}
                      </Text>
                      <Text size="sm">{money.format(i.price)}</Text>
                    </Stack>
                  </Button>
                ))}
              </SimpleGrid>
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 5 }}>
          <Card withBorder radius="lg" p="sm">
            <Stack gap="xs">
              <Group align="flex-end" wrap="nowrap">
                <TextInput label={t('lockers.wristband')} placeholder={t('lockers.tapHint')} value={wristband} onChange={(e) => setDraft({ wristband: e.currentTarget.value })} onBlur={() => wristband.trim() && void showLeft(wristband.trim())} size="md" style={{ flex: 1 }} />
                {lockerLabel && (
                  <Text size="xl" fw={700} data-testid="charge-locker" style={{ whiteSpace: 'nowrap' }}>{`${t('lockers.locker')} ${lockerLabel}`}</Text>
                )}
              </Group>
              {left && String(left.locker) === String(lockerLabel) && (
                <Text size="sm" data-testid="charge-left">
                  {t('lockers.leftNow', { left: money.format(Math.min(left.wristband, left.party)), wristband: money.format(left.wristband), party: money.format(left.party) })}
                </Text>
              )}
              {lines.length > 0 ? (
                <Table verticalSpacing={2} data-testid="charge-cart">
                  <Table.Tbody>
                    {lines.map((l) => (
                      <Table.Tr key={l.id}>
                        <Table.Td>{zh ? l.nameZh : l.nameEn}</Table.Td>
                        <Table.Td>x{l.quantity}</Table.Td>
                        <Table.Td>{money.format(l.price * l.quantity)}</Table.Td>
                        <Table.Td>
                          <Button variant="subtle" color="red" aria-label={t('lockers.removeItem', { name: zh ? l.nameZh : l.nameEn })} onClick={() => setDraft((d) => ({ cart: { ...d.cart, [l.id]: 0 } }))}>
                            ✕
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              ) : (
                <TextInput
                  label={t('lockers.amount')}
                  value={amountText}
                  onChange={(e) => setDraft({ amountText: e.currentTarget.value })}
                  // Enter moves on to the confirmation; it never charges by itself.
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') ask();
                  }}
                  size="md"
                  inputMode="decimal"
                  error={amountText.trim() !== '' && typed === null ? t('lockers.badAmount') : null}
                />
              )}
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>
      <ActionBar
        testId="charge-action-bar"
        notice={
          <>
            <ErrorAlert error={error} />
            {done && (
              <Text c="teal" role="status" size="lg">
                {done}
              </Text>
            )}
          </>
        }
      >
        <Group gap="lg" wrap="nowrap">
          <ActionFigure label={t('lockers.total')} value={amount ? money.format(amount) : '—'} testId="charge-total" />
          {(lines.length > 0 || amountText || wristband) && (
            <Button variant="default" onClick={() => { clearDraft(); setLeft(null); setDone(null); }}>
              {t('lockers.discard')}
            </Button>
          )}
        </Group>
        <Button size="xl" disabled={!ready} onClick={ask}>
          {amount ? `${t('lockers.charge')} ${money.format(amount)}` : t('lockers.charge')}
        </Button>
      </ActionBar>
      <ConfirmModal
        opened={confirming}
        busy={busy}
        error={null}
        onClose={() => setConfirming(false)}
        onConfirm={() => void charge()}
        lines={[`${t('lockers.locker')} ${lockerLabel}`, t('common.lv', { label: t('lockers.outlet'), value: outletName(outlet) }), t('common.lv', { label: t('lockers.total'), value: amount !== null ? money.format(amount) : '-' })]}
      />
    </Stack>
  );
}
