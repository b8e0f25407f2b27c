import { Badge, Button, Card, Checkbox, Grid, Group, ScrollArea, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePos } from '../../app/pos-context';
import { useDraft } from '../../app/drafts';
import { PosApiError, subscribe } from '../../bridge/client';
import type { MethodOutput } from '../../../../src-main/api/contract';
import { ActionBar, ActionFigure } from '../../components/ActionBar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { localDescription } from './describe';
import { FindParty } from './FindParty';
import { LockerGrid } from './LockerGrid';
import { PartyTools } from './PartyTools';
import { type Approval } from './ApprovalModal';
import { ApprovalModal, ConfirmModal, useCommandId, useMoney, type Overview, type PartyLookup, useCardTap } from './shared';
import { formatTime } from '../../format/time';

const METHODS = ['cash', 'bank_card', 'mobile', 'stored_value'] as const;
type Method = (typeof METHODS)[number];
type PaymentQuote = MethodOutput<'payments.quote'>;
const NO_TENDERS: Record<Method, string> = { cash: '', bank_card: '', mobile: '', stored_value: '' };

/** Cash a customer is likely to hand over: the next ¥50 and ¥100 above what is due in cash. */
function nextBanknotes(minor: number): number[] {
  const up = (step: number) => Math.floor(minor / step) * step + step;
  return [...new Set([up(5000), up(10000)])];
}

/** Minor units as the plain yuan a cashier would type ("109.00"), with integers only. */
const plain = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

/**
 * Find a party by tapping any of its wristbands or an occupied locker on the grid: every
 * wristband with its charges, the total, then a (split) payment with the change in large type.
 * A party settled or changed at another counter refreshes here at once.
 */
export function CheckoutPanel({ overview, onChanged }: { overview: Overview; onChanged(): void }) {
  const { t } = useTranslation();
  const { pos, bridge } = usePos();
  const money = useMoney();
  const command = useCommandId();
  const voidCmd = useCommandId();
  const [draft, setDraft, clearDraft] = useDraft('checkout', { ref: '', paid: NO_TENDERS });
  const { ref, paid } = draft;
  const [found, setFound] = useState<PartyLookup | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [approving, setApproving] = useState<null | { kind: 'partial' } | { kind: 'void'; chargeId: string; amount: number }>(null);
  const [approval, setApproval] = useState<Approval | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [replacing, setReplacing] = useState(false);

  const show = useCallback((p: PartyLookup, keepSelection: boolean) => {
    setFound(p);
    const active = p.party.wristbands.filter((w) => w.status === 'active').map((w) => w.locker);
    setSelected((s) => (keepSelection ? s.filter((n) => active.includes(n)) : active));
  }, []);
  const load = useCallback(
    async (r: string, keepSelection = false) => {
      setError(null);
      try {
        show(await pos.lockers.lookup({ wristband: r.trim() }), keepSelection);
      } catch (e) {
        setFound(null);
        setError(e);
        // Settled at another counter meanwhile: what was typed for it here is dropped too.
        if (e instanceof PosApiError && e.code === 'LOCKER_SETTLED') clearDraft();
      }
    },
    [pos, show, clearDraft],
  );

  // A party kept as a draft (reload, crash) is shown again as it is now; one settled meanwhile is dropped.
  useEffect(() => {
    const saved = draft.ref.trim();
    if (saved) pos.lockers.lookup({ wristband: saved }).then((p) => show(p, false), setError);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  // Charged, voided or settled at another counter: the party shown here follows at once,
  // and one settled elsewhere is taken off this screen with the reason.
  useEffect(
    () =>
      subscribe(bridge, 'lockers.changed', () => {
        if (found && !busy) void load(ref, true);
      }),
    [bridge, found, busy, ref, load],
  );

  // A tap finds the party; while a party is shown and a lost wristband is being replaced, the tap fills the replacement instead.
  const find = (r: string) => {
    setDraft({ ref: r });
    setDone(null);
    void load(r);
  };
  useCardTap((uid) => {
    if (!replacing) find(uid);
  });

  const party = found?.party;
  const active = party?.wristbands.filter((w) => w.status === 'active') ?? [];
  const due = active.filter((w) => selected.includes(w.locker)).reduce((s, w) => s + w.subtotal, 0);
  const amounts = METHODS.map((m) => [m, paid[m].trim() === '' ? 0 : money.parse(paid[m])] as const);
  const bad = amounts.some(([, a]) => a === null);
  const tenders = amounts.filter(([, a]) => (a ?? 0) > 0).map(([method, a]) => ({ method, amount: a! }));
  // Due, change and what is missing come from main's one payments rule (payments.quote), never from here.
  const quoteKey = party && !bad ? JSON.stringify({ total: due, tenders }) : null;
  const [quoted, setQuoted] = useState<{ key: string; quote: PaymentQuote } | null>(null);
  useEffect(() => {
    if (!quoteKey) return;
    let stale = false;
    pos.payments.quote(JSON.parse(quoteKey) as { total: number; tenders: typeof tenders }).then((q) => !stale && setQuoted({ key: quoteKey, quote: q }), () => {});
    return () => {
      stale = true;
    };
  }, [pos, quoteKey]);
  const quote = quoted && quoted.key === quoteKey ? quoted.quote : null;
  const change = quote?.change ?? 0;
  const short = quote ? quote.short : due;
  const ready = !!quote && quote.problem === null && selected.length > 0;
  /** What is still to pay once the other tenders are counted: what "exact" puts in a method's field. */
  const exactFor = (m: Method) => short + (amounts.find(([x]) => x === m)?.[1] ?? 0);
  const cashNeeded = exactFor('cash');
  const ask = () => {
    if (!ready) return;
    setError(null);
    setConfirming(true);
  };

  /** Resolves to the refusal, if any (the approval dialog keeps itself open on a wrong PIN). */
  async function settle(withApproval: Approval | null): Promise<unknown> {
    if (!party) return null;
    setBusy(true);
    setError(null);
    try {
      const r = await pos.lockers.checkout({
        commandId: command.get(),
        wristband: ref.trim(),
        ...(selected.length < active.length ? { lockers: selected } : {}),
        tenders,
        ...(withApproval ? { approval: withApproval } : {}),
      });
      command.done();
      setConfirming(false);
      setApproval(null);
      const printed = r.print?.state === 'printed' ? t('lockers.printed') : t('lockers.printFailed');
      setDone(`${t('lockers.checkedOut', { lockers: r.lockers.join(', '), total: money.format(r.total), change: money.format(r.change) })} ${printed}`);
      setFound(null);
      clearDraft();
      onChanged();
      return null;
    } catch (e) {
      setError(e);
      setConfirming(false);
      command.failed(e);
      return e;
    } finally {
      setBusy(false);
    }
  }

  async function voidCharge(chargeId: string, a: Approval): Promise<unknown> {
    setError(null);
    try {
      await pos.lockers.voidCharge({ commandId: voidCmd.get(), chargeId, approval: a });
      voidCmd.done();
      await load(ref, true);
      onChanged();
      return null;
    } catch (e) {
      setError(e);
      voidCmd.failed(e);
      return e;
    }
  }

  const partialRefused = error instanceof PosApiError && error.code === 'LOCKER_PARTIAL_SETTLEMENT';
  const setPaid = (m: Method, v: string) => setDraft((d) => ({ paid: { ...d.paid, [m]: v } }));
  const tenderLines = amounts.filter(([, a]) => (a ?? 0) > 0).map(([m, a]) => t('common.lv', { label: t(`lockers.tenders.${m}`), value: money.format(a!) }));

  return (
    <Stack gap="sm">
      <Grid gutter="sm">
        <Grid.Col span={{ base: 12, sm: 7 }}>
          <Stack gap="sm">
            <Card withBorder radius="lg" p="sm">
              <form onSubmit={(e) => { e.preventDefault(); find(ref); }}>
                <Group align="flex-end" gap="xs" wrap="nowrap">
                  <TextInput label={t('lockers.wristband')} placeholder={t('lockers.tapHint')} value={ref} onChange={(e) => setDraft({ ref: e.currentTarget.value })} size="md" style={{ flex: 1 }} />
                  <Button type="submit" size="md" variant="light" disabled={!ref.trim()}>
                    {t('lockers.find')}
                  </Button>
                </Group>
              </form>
            </Card>
            {party ? (
              <Card withBorder radius="lg" p="sm" data-testid="checkout-party">
                <Group justify="space-between" mb={4}>
                  <Title order={5}>{t('lockers.party', { customer: party.customer })}</Title>
                  <Text size="sm">{t('lockers.partyLeft', { left: money.format(party.partyLeft) })}</Text>
                </Group>
                <ScrollArea.Autosize mah={300} type="auto">
                  <Table verticalSpacing={4}>
                    <Table.Tbody>
                      {party.wristbands.map((w) => (
                        <WristbandRows key={w.wristbandId} w={w} overview={overview} partyLeft={party.partyLeft} checked={selected.includes(w.locker)} toggle={(on) => setSelected((s) => (on ? [...s, w.locker] : s.filter((n) => n !== w.locker)))} onVoid={(chargeId, amount) => setApproving({ kind: 'void', chargeId, amount })} />
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollArea.Autosize>
              </Card>
            ) : (
              <FindParty overview={overview} onFound={(n) => find(String(n))} />
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 5 }}>
          <Card withBorder radius="lg" p="sm">
            <Stack gap={6}>
              {METHODS.map((m) => (
                <Group key={m} gap="xs" align="flex-end" wrap="nowrap">
                  <TextInput
                    label={t(`lockers.tenders.${m}`)}
                    value={paid[m]}
                    onChange={(e) => setPaid(m, e.currentTarget.value)}
                    // Enter moves on to the confirmation once the money covers the total.
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') ask();
                    }}
                    size="md"
                    inputMode="decimal"
                    disabled={!party}
                    style={{ flex: 1 }}
                    error={paid[m].trim() !== '' && money.parse(paid[m]) === null ? t('lockers.badAmount') : null}
                  />
                  {party && short > 0 && (
                    <Button variant="light" size="md" onClick={() => setPaid(m, plain(exactFor(m)))} data-testid={`exact-${m}`}>
                      {t('lockers.exact')}
                    </Button>
                  )}
                </Group>
              ))}
              {party && short > 0 && (
                <Group gap="xs" grow data-testid="cash-notes">
                  {nextBanknotes(cashNeeded).map((note) => (
                    <Button key={note} variant="light" color="teal" size="md" onClick={() => setPaid('cash', plain(note))}>
                      {t('lockers.cashNote', { amount: money.format(note) })}
                    </Button>
                  ))}
                </Group>
              )}
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>
      {party && party.status === 'open' && <PartyTools partyRef={ref.trim()} onReplacing={setReplacing} onChanged={() => void load(ref, true)} />}
      {party && <LockerGrid lockers={overview.lockers} onTap={(n) => find(String(n))} />}
      <ActionBar
        testId="checkout-action-bar"
        notice={
          <>
            {done && (
              <Text c="teal" role="status" size="lg">
                {done}
              </Text>
            )}
            <ErrorAlert error={error} />
            {partialRefused && (
              <Button color="grape" variant="light" onClick={() => setApproving({ kind: 'partial' })}>
                {t('lockers.askManager')}
              </Button>
            )}
          </>
        }
      >
        <Group gap="xl" wrap="nowrap">
          <ActionFigure label={t('lockers.total')} value={money.format(due)} testId="checkout-total" />
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {t('lockers.due')}
            </Text>
            <Text size="lg" fw={600} data-testid="checkout-due">
              {money.format(short)}
            </Text>
          </Stack>
          <ActionFigure label={t('lockers.change')} value={money.format(change)} testId="checkout-change" color={change > 0 ? 'orange.8' : undefined} />
        </Group>
        <Button size="xl" disabled={!ready} onClick={ask}>
          {`${t('lockers.checkout')} ${money.format(due)}`}
        </Button>
      </ActionBar>
      <ConfirmModal
        opened={confirming}
        busy={busy}
        error={null}
        onClose={() => setConfirming(false)}
        onConfirm={() => void settle(approval)}
        lines={[
          t('common.lv', { label: t('lockers.collected'), value: selected.join(', ') }),
          t('common.lv', { label: t('lockers.total'), value: money.format(due) }),
          ...tenderLines,
          t('common.lv', { label: t('lockers.change'), value: money.format(change) }),
        ]}
      />
      <ApprovalModal
        opened={approving !== null}
        action={approving?.kind === 'void' ? t('lockers.approveVoid', { amount: money.format(approving.amount) }) : t('lockers.approvePartial', { lockers: selected.join(', '), amount: money.format(due) })}
        onClose={() => setApproving(null)}
        onApprove={(a) => {
          if (approving?.kind === 'void') return voidCharge(approving.chargeId, a);
          setApproval(a);
          return settle(a).then((refusal) => {
            if (refusal) setApproval(null);
            return refusal;
          });
        }}
      />
    </Stack>
  );
}

function WristbandRows({ w, overview, partyLeft, checked, toggle, onVoid }: { w: PartyLookup['party']['wristbands'][number]; overview: Overview; partyLeft: number; checked: boolean; toggle(on: boolean): void; onVoid(chargeId: string, amount: number): void }) {
  const { t, i18n } = useTranslation();
  const { info } = usePos();
  const money = useMoney();
  const shown = w.charges.filter((c) => c.status !== 'settled');
  const time = (iso: string) => formatTime(iso, i18n.language, info.settings.timeZone);
  return (
    <>
      <Table.Tr bg="gray.1">
        <Table.Td colSpan={2}>
          {w.status === 'active' ? (
            <Checkbox size="md" checked={checked} onChange={(e) => toggle(e.currentTarget.checked)} label={<Text fw={700}>{`${t('lockers.wristband')} ${w.locker}`}</Text>} />
          ) : (
            <Group gap="xs">
              <Text fw={700} td="line-through">{`${t('lockers.wristband')} ${w.locker}`}</Text>
              <Badge color={w.status === 'lost' ? 'orange' : 'gray'}>{t(`lockers.${w.status === 'lost' ? 'lost' : 'settled'}`)}</Badge>
            </Group>
          )}
        </Table.Td>
        {/* The binding limit: a wristband cannot spend more than its party has left. */}
        <Table.Td>{w.status === 'active' ? t('lockers.left', { left: money.format(Math.min(w.left, partyLeft)) }) : ''}</Table.Td>
        <Table.Td fw={700}>{w.status === 'active' ? money.format(w.subtotal) : ''}</Table.Td>
      </Table.Tr>
      {w.status === 'active' && shown.length === 0 && (
        <Table.Tr>
          <Table.Td colSpan={4} c="dimmed">{t('lockers.noCharges')}</Table.Td>
        </Table.Tr>
      )}
      {shown.map((c) => (
        <Table.Tr key={c.id}>
          <Table.Td td={c.status === 'voided' ? 'line-through' : undefined}>{localDescription(c.description, overview, i18n.language)}</Table.Td>
          <Table.Td>{time(c.at)}</Table.Td>
          <Table.Td>{money.format(c.amount)}</Table.Td>
          <Table.Td>
            {c.status === 'open' ? (
              <Button size="sm" variant="subtle" color="red" onClick={() => onVoid(c.id, c.amount)}>
                {t('lockers.void')}
              </Button>
            ) : (
              t('lockers.voided')
            )}
          </Table.Td>
        </Table.Tr>
      ))}
    </>
  );
}
