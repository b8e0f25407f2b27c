import { Alert, Badge, Button, Card, Group, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { v7 as uuidv7 } from 'uuid';
import type { EventPayload, MethodOutput } from '../../../../src-main/api/contract';
import type { FuelOrder } from '../../../../src-main/api/contract/fuel';
import { usePos } from '../../app/pos-context';
import { subscribe } from '../../bridge/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatMoney } from '../../format/money';
import { formatLitres, parseAmount, parseLitres } from './format';
import { OrderPanel } from './OrderPanel';
import { TodayOrders } from './TodayOrders';

type Overview = MethodOutput<'fuel.overview'>;
type Quote = MethodOutput<'fuel.quote'>;
type Tender = 'cash' | 'bank_card' | 'mobile' | 'stored_value';
type PumpEvent = EventPayload<'device.pump'>;

const QUICK = { amount: ['100', '200', '300', '500'], volume: ['10', '20', '30', '40'] };

/** Pick pump and grade, type an amount or litres, see both numbers, pay, watch the pump. */
export function SellFuel() {
  const { t, i18n } = useTranslation();
  const { pos, bridge } = usePos();
  const [overview, setOverview] = useState<Overview | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [live, setLive] = useState<Record<number, PumpEvent>>({});
  const [pump, setPump] = useState<number | null>(null);
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
  const [requote, setRequote] = useState(0);
  const [order, setOrder] = useState<FuelOrder | null>(null);

  const currency = overview?.currency ?? 'CNY';
  const money = useCallback((minor: number) => formatMoney(minor, currency, i18n.language), [currency, i18n.language]);

  useEffect(() => {
    pos.fuel.overview().then(setOverview, setLoadError);
  }, [pos]);
  useEffect(() => subscribe(bridge, 'device.pump', (p) => setLive((l) => ({ ...l, [p.pump]: p }))), [bridge]);
  useEffect(() => subscribe(bridge, 'fuel.order', (o) => setOrder((cur) => (cur && cur.id === o.id ? o : cur))), [bridge]);

  const pumpInfo = overview?.pumps.find((p) => p.number === pump);
  const quantity = useMemo(() => (text.trim() === '' ? null : mode === 'amount' ? parseAmount(text) : parseLitres(text)), [text, mode]);
  const badQuantity = text.trim() !== '' && quantity === null;

  const key = JSON.stringify([pump, gradeId, mode, quantity, tender, phone.trim(), member.trim()]);
  const quoteKey = JSON.stringify([pump, gradeId, mode, quantity]);
  const quote = quoted?.key === quoteKey ? (quoted.quote ?? null) : null;
  const quoteError = quoted?.key === quoteKey ? quoted.error : null;
  const commandId = attempt?.key === key + (quote?.price ?? '') ? attempt.commandId : null;
  // Shown until the next attempt, even when a new price made this one obsolete (that is the message).
  const payError = attempt?.error ?? null;

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

  function choosePump(n: number) {
    setPump(n);
    const grades = overview?.pumps.find((p) => p.number === n)?.grades ?? [];
    if (!grades.some((g) => g.gradeId === gradeId)) setGradeId(grades[0]?.gradeId ?? null);
  }

  async function pay(e?: React.FormEvent) {
    e?.preventDefault();
    if (!quote || pump === null || gradeId === null || quantity === null || paying) return;
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
      setOrder(placed);
    } catch (err) {
      setAttempt({ key: attemptKey, commandId: id, error: err });
      // Ask for the price again: a changed price makes the next attempt a new payment (new id),
      // the same price lets the cashier retry this one (same id).
      setRequote((n) => n + 1);
    } finally {
      setPaying(false);
    }
  }

  function newOrder() {
    setOrder(null);
    setText('');
    setPhone('');
    setMember('');
    setAttempt(null);
    void pos.fuel.overview().then(setOverview, setLoadError);
  }

  if (loadError) return <ErrorAlert error={loadError} />;
  if (!overview) return <Text c="dimmed">{t('app.loading')}</Text>;

  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
      <Stack>
        <Text fw={600}>{t('fuel.station', { name: overview.station.name })}</Text>
        {order ? (
          <OrderPanel order={order} live={live[order.pump]} money={money} onNew={newOrder} />
        ) : (
          <Card withBorder radius="lg" component="form" onSubmit={pay}>
            <Stack>
              <Title order={4}>{t('fuel.choosePump')}</Title>
              <Group>
                {overview.pumps.map((p) => {
                  const phase = live[p.number]?.phase ?? p.phase;
                  return (
                    <Button key={p.number} size="xl" h={84} variant={pump === p.number ? 'filled' : 'default'} onClick={() => choosePump(p.number)} data-testid={`fuel-pump-${p.number}`}>
                      <Stack gap={2} align="center">
                        <span>{t('fuel.pump', { n: p.number })}</span>
                        <Badge size="sm" variant="light" color={phase === 'idle' ? 'teal' : phase === 'offline' ? 'red' : 'orange'}>
                          {t(`fuel.phases.${phase}`)}
                        </Badge>
                      </Stack>
                    </Button>
                  );
                })}
              </Group>
              {pumpInfo && (
                <>
                  <Title order={4}>{t('fuel.chooseGrade')}</Title>
                  <Group>
                    {pumpInfo.grades.map((g) => (
                      <Button key={g.gradeId} size="lg" variant={gradeId === g.gradeId ? 'filled' : 'default'} color="orange" onClick={() => setGradeId(g.gradeId)} data-testid={`fuel-grade-${g.gradeId}`}>
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
                    size="xl"
                    inputMode="decimal"
                    label={mode === 'amount' ? t('fuel.amountLabel') : t('fuel.volumeLabel')}
                    description={t('fuel.limit', { litres: formatLitres(pumpInfo.maxVolume) })}
                    value={text}
                    onChange={(e) => setText(e.currentTarget.value)}
                    error={badQuantity ? (mode === 'amount' ? t('fuel.badAmount') : t('fuel.badVolume')) : undefined}
                    data-testid="fuel-quantity"
                    autoFocus
                  />
                  <Group>
                    {QUICK[mode].map((q) => (
                      <Button key={q} variant="light" size="md" onClick={() => setText(q)}>
                        {mode === 'amount' ? money(Number(q) * 100) : `${q} L`}
                      </Button>
                    ))}
                  </Group>
                </>
              )}
              <ErrorAlert error={quoteError} />
              {quote && (
                <Alert color="blue" variant="light" data-testid="fuel-quote" data-amount={quote.amount} data-volume={quote.volume}>
                  <Text size="xl" fw={700}>
                    {t('fuel.quoteLine', { amount: money(quote.amount), litres: formatLitres(quote.volume), grade: quote.gradeName, price: money(quote.price) })}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('fuel.rounding')}
                  </Text>
                </Alert>
              )}
              <Text fw={600}>{t('fuel.customer')}</Text>
              <Group grow>
                <TextInput label={t('fuel.phone')} inputMode="tel" value={phone} onChange={(e) => setPhone(e.currentTarget.value)} />
                <TextInput label={t('fuel.member')} value={member} onChange={(e) => setMember(e.currentTarget.value)} />
              </Group>
              <Text fw={600}>{t('fuel.tender')}</Text>
              <SegmentedControl
                size="md"
                value={tender}
                onChange={(v) => setTender(v as Tender)}
                data={(['cash', 'bank_card', 'mobile', 'stored_value'] as const).map((v) => ({ value: v, label: t(`fuel.tenders.${v}`) }))}
              />
              <ErrorAlert error={payError} />
              <Button type="submit" size="xl" color="green" disabled={!quote} loading={paying} data-testid="fuel-pay">
                {payError && commandId ? t('fuel.retry') : quote ? t('fuel.pay', { amount: money(quote.amount), pump: quote.pump }) : t('fuel.pay', { amount: '—', pump: pump ?? '—' })}
              </Button>
            </Stack>
          </Card>
        )}
      </Stack>
      <TodayOrders money={money} />
    </SimpleGrid>
  );
}
