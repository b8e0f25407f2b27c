import { Alert, Button, Card, Grid, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { v7 as uuidv7 } from 'uuid';
import type { MethodOutput } from '../../../../src-main/api/contract';
import type { FuelOrder } from '../../../../src-main/api/contract/fuel';
import { usePos } from '../../app/pos-context';
import { subscribe } from '../../bridge/client';
import { ActionBar, ActionFigure } from '../../components/ActionBar';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatMoney } from '../../format/money';
import { formatLitres, parseAmount, parseLitres } from './format';
import { OrderPanel } from './OrderPanel';
import { PumpTiles, RUNNING, phaseOf, type PumpEvent } from './PumpTiles';
import { TodayOrders } from './TodayOrders';

type Overview = MethodOutput<'fuel.overview'>;
type Quote = MethodOutput<'fuel.quote'>;
type Tender = 'cash' | 'bank_card' | 'mobile' | 'stored_value';
type View = { kind: 'sell'; pump: number | null } | { kind: 'order'; id: string };

const QUICK = { amount: ['100', '200', '300', '500'], volume: ['10', '20', '30', '40'] };

/**
 * The forecourt: every pump as a tile with its live state; tap one to sell on it, or to stop it
 * and print when it is running; today's orders open the same actions. Paying always passes the
 * confirmation step, whether started by a tap or by Enter in the quantity field.
 */
export function SellFuel() {
  const { t, i18n } = useTranslation();
  const { pos, bridge } = usePos();
  const [overview, setOverview] = useState<Overview | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [live, setLive] = useState<Record<number, PumpEvent>>({});
  const [orders, setOrders] = useState<FuelOrder[]>([]);
  const [view, setView] = useState<View>({ kind: 'sell', pump: null });
  const [gradeId, setGradeId] = useState<string | null>(null);
  const [mode, setMode] = useState<'amount' | 'volume'>('amount');
  const [text, setText] = useState('');
  const [phone, setPhone] = useState('');
  const [member, setMember] = useState('');
  const [tender, setTender] = useState<Tender>('cash');
  // Quote, payment attempt id and payment error belong to one request (pump, grade, quantity, tender):
  // a changed request is a new attempt with a new id; the same request retried reuses its id.
  const [quoted, setQuoted] = useState<{ key: string; quote?: Quote; error?: unknown } | null>(null);
  const [attempt, setAttempt] = useState<{ key: string; commandId: string; error?: unknown } | null>(null);
  const [paying, setPaying] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [requote, setRequote] = useState(0);

  const currency = overview?.currency ?? 'CNY';
  const money = useCallback((minor: number) => formatMoney(minor, currency, i18n.language), [currency, i18n.language]);
  const upsert = useCallback((o: FuelOrder) => setOrders((list) => (list.some((x) => x.id === o.id) ? list.map((x) => (x.id === o.id ? o : x)) : [o, ...list])), []);

  useEffect(() => {
    pos.fuel.overview().then(setOverview, setLoadError);
    pos.fuel.orders().then(setOrders, setLoadError);
  }, [pos]);
  useEffect(() => subscribe(bridge, 'device.pump', (p) => setLive((l) => ({ ...l, [p.pump]: p }))), [bridge]);
  useEffect(() => subscribe(bridge, 'fuel.order', upsert), [bridge, upsert]);
  // Head office changed grades, prices or stations: show them now and quote again (no reload).
  useEffect(
    () =>
      subscribe(bridge, 'sync.reference', (e) => {
        if (!e.streams.some((s) => s.startsWith('fuel.'))) return;
        pos.fuel.overview().then(setOverview, setLoadError);
        setRequote((n) => n + 1);
      }),
    [bridge, pos],
  );

  const pump = view.kind === 'sell' ? view.pump : null;
  const pumpInfo = overview?.pumps.find((p) => p.number === pump);
  const offline = pumpInfo ? phaseOf(pumpInfo, live[pumpInfo.number]) === 'offline' : false;
  const quantity = useMemo(() => (text.trim() === '' ? null : mode === 'amount' ? parseAmount(text) : parseLitres(text)), [text, mode]);
  const badQuantity = text.trim() !== '' && quantity === null;

  const key = JSON.stringify([pump, gradeId, mode, quantity, tender, phone.trim(), member.trim()]);
  const quoteKey = JSON.stringify([pump, gradeId, mode, quantity]);
  const quote = quoted?.key === quoteKey ? (quoted.quote ?? null) : null;
  const quoteError = quoted?.key === quoteKey ? quoted.error : null;
  const commandId = attempt?.key === key + (quote?.price ?? '') ? attempt.commandId : null;
  // Shown until the next attempt, even when a new price made this one obsolete (that is the message).
  const payError = attempt?.error ?? null;
  const canPay = !!quote && !offline && !paying;

  useEffect(() => {
    if (pump === null || gradeId === null || quantity === null) return;
    let stale = false;
    const timer = setTimeout(() => {
      pos.fuel.quote({ pump, gradeId, mode, quantity }).then(
        (q) => !stale && setQuoted({ key: quoteKey, quote: q }),
        (e: unknown) => !stale && setQuoted({ key: quoteKey, error: e }),
      );
    }, 150);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [pos, pump, gradeId, mode, quantity, quoteKey, requote]);

  /** A tile tapped: a running pump opens its order (stop, print); any other is sold on. */
  function tapPump(n: number) {
    const running = orders.find((o) => o.pump === n && RUNNING.has(o.state));
    if (running) return setView({ kind: 'order', id: running.id });
    setView({ kind: 'sell', pump: n });
    const grades = overview?.pumps.find((p) => p.number === n)?.grades ?? [];
    if (!grades.some((g) => g.gradeId === gradeId)) setGradeId(grades[0]?.gradeId ?? null);
  }

  function askToPay(e?: React.SyntheticEvent) {
    e?.preventDefault();
    if (canPay) setConfirming(true);
  }

  async function pay() {
    if (!quote || pump === null || gradeId === null || quantity === null || paying || offline) return;
    const attemptKey = key + quote.price;
    const id = commandId ?? uuidv7();
    setAttempt({ key: attemptKey, commandId: id });
    setPaying(true);
    try {
      const placed = await pos.fuel.pay({
        commandId: id,
        pump,
        gradeId,
        mode,
        quantity,
        price: quote.price,
        tender,
        ...(phone.trim() ? { customerPhone: phone.trim() } : {}),
        ...(member.trim() ? { memberId: member.trim() } : {}),
      });
      upsert(placed);
      setView({ kind: 'order', id: placed.id });
    } catch (err) {
      setAttempt({ key: attemptKey, commandId: id, error: err });
      // Ask for the price again: a changed price makes the next attempt a new payment (new id),
      // the same price lets the cashier retry this one (same id).
      setRequote((n) => n + 1);
    } finally {
      setConfirming(false);
      setPaying(false);
    }
  }

  /** Every new order starts clean: by amount, cash, no customer, no pump until one is tapped. */
  function newOrder() {
    setView({ kind: 'sell', pump: null });
    setGradeId(null);
    setMode('amount');
    setTender('cash');
    setText('');
    setPhone('');
    setMember('');
    setAttempt(null);
    setQuoted(null);
    void pos.fuel.overview().then(setOverview, setLoadError);
  }

  if (loadError) return <ErrorAlert error={loadError} />;
  if (!overview) return <Text c="dimmed">{t('app.loading')}</Text>;
  const shown = view.kind === 'order' ? orders.find((o) => o.id === view.id) : undefined;
  const selectedPump = view.kind === 'sell' ? view.pump : (shown?.pump ?? null);

  return (
    <Stack gap="sm">
      <PumpTiles pumps={overview.pumps} live={live} orders={orders} selected={selectedPump} money={money} onTap={tapPump} />
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, sm: 7 }}>
          {shown ? (
            <OrderPanel order={shown} live={live[shown.pump]} money={money} onNew={newOrder} />
          ) : (
            <Card withBorder radius="lg" component="form" onSubmit={askToPay} data-testid="fuel-form">
              {!pumpInfo ? (
                <Text size="lg" c="dimmed">
                  {t('fuel.tapPump')}
                </Text>
              ) : (
                <Stack gap="sm">
                  <Group gap="xs">
                    {pumpInfo.grades.map((g) => (
                      <Button key={g.gradeId} size="md" variant={gradeId === g.gradeId ? 'filled' : 'default'} color="orange" onClick={() => setGradeId(g.gradeId)} data-testid={`fuel-grade-${g.gradeId}`}>
                        {g.gradeName} · {t('fuel.perLitre', { price: money(g.price) })}
                      </Button>
                    ))}
                  </Group>
                  <SegmentedControl
                    size="md"
                    value={mode}
                    onChange={(v) => {
                      setMode(v as 'amount' | 'volume');
                      setText('');
                    }}
                    data={[
                      { value: 'amount', label: t('fuel.byAmount') },
                      { value: 'volume', label: t('fuel.byVolume') },
                    ]}
                    data-testid="fuel-mode"
                  />
                  <TextInput
                    size="lg"
                    inputMode="decimal"
                    label={mode === 'amount' ? t('fuel.amountLabel') : t('fuel.volumeLabel')}
                    description={t('fuel.limit', { litres: formatLitres(pumpInfo.maxVolume) })}
                    value={text}
                    onChange={(e) => setText(e.currentTarget.value)}
                    error={badQuantity ? (mode === 'amount' ? t('fuel.badAmount') : t('fuel.badVolume')) : undefined}
                    data-testid="fuel-quantity"
                    // Enter moves to the next step, the confirmation; it never pays by itself.
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') askToPay(e);
                    }}
                    autoFocus
                  />
                  <Group gap="xs" grow>
                    {QUICK[mode].map((q) => (
                      <Button key={q} variant="light" size="md" onClick={() => setText(q)}>
                        {mode === 'amount' ? money(Number(q) * 100) : `${q} L`}
                      </Button>
                    ))}
                  </Group>
                  <SegmentedControl
                    size="md"
                    value={tender}
                    onChange={(v) => setTender(v as Tender)}
                    aria-label={t('fuel.tender')}
                    data={(['cash', 'bank_card', 'mobile', 'stored_value'] as const).map((v) => ({ value: v, label: t(`fuel.tenders.${v}`) }))}
                    data-testid="fuel-tender"
                  />
                  <Group grow>
                    <TextInput label={t('fuel.phone')} inputMode="tel" value={phone} onChange={(e) => setPhone(e.currentTarget.value)} />
                    <TextInput label={t('fuel.member')} value={member} onChange={(e) => setMember(e.currentTarget.value)} />
                  </Group>
                </Stack>
              )}
            </Card>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 5 }}>
          <TodayOrders orders={orders} money={money} openId={view.kind === 'order' ? view.id : null} onOpen={(id) => setView({ kind: 'order', id })} />
        </Grid.Col>
      </Grid>
      {view.kind === 'sell' && pumpInfo && (
        <ActionBar
          testId="fuel-action-bar"
          notice={
            <>
              <ErrorAlert error={quoteError ?? payError} />
              {offline && (
                <Alert color="red" variant="light" p="xs" data-testid="fuel-offline" role="alert">
                  {t('fuel.offlineNoPay', { pump: pumpInfo.number })}
                </Alert>
              )}
            </>
          }
        >
          <ActionFigure label={t('fuel.due')} value={quote ? money(quote.amount) : '—'} testId="fuel-due">
            {quote && (
              <Text size="sm" data-testid="fuel-quote" data-amount={quote.amount} data-volume={quote.volume} title={t('fuel.rounding')}>
                {t('fuel.quoteLine', { amount: money(quote.amount), litres: formatLitres(quote.volume), grade: quote.gradeName, price: money(quote.price) })}
              </Text>
            )}
          </ActionFigure>
          <Button size="xl" color="green" disabled={!canPay} loading={paying} onClick={() => askToPay()} data-testid="fuel-pay" style={{ flexShrink: 0 }}>
            {payError && commandId ? t('fuel.retry') : t('fuel.pay', { amount: quote ? money(quote.amount) : '—', pump: pumpInfo.number })}
          </Button>
        </ActionBar>
      )}
      <ConfirmModal
        opened={confirming}
        busy={paying}
        error={null}
        title={t('fuel.confirmTitle')}
        confirmLabel={t('fuel.confirmPay')}
        onClose={() => setConfirming(false)}
        onConfirm={() => void pay()}
        lines={
          quote
            ? [
                `${t('fuel.pump', { n: quote.pump })} · ${quote.gradeName}`,
                t('fuel.quoteLine', { amount: money(quote.amount), litres: formatLitres(quote.volume), grade: quote.gradeName, price: money(quote.price) }),
                t('common.lv', { label: t('fuel.tender'), value: t(`fuel.tenders.${tender}`) }),
              ]
            : []
        }
      />
    </Stack>
  );
}
