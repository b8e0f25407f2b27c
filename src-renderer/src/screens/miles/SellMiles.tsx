import { Alert, Button, Card, Grid, Group, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { v7 as uuidv7 } from 'uuid';
import type { MethodOutput } from '../../../../src-main/api/contract';
import { usePos } from '../../app/pos-context';
import { PosApiError } from '../../bridge/client';
import { ActionBar, ActionFigure } from '../../components/ActionBar';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatMoney, parseMoney } from '../../format/money';
import type { MilesStatus } from './MilesScreen';
import { MilesPlan } from './MilesPlan';
import { PassengerCard, milesOf, type Member, type Scanned } from './PassengerCard';

type Quote = MethodOutput<'points.quote'>;
type Paid = MethodOutput<'points.redeem'>;
type Tender = 'cash' | 'bank_card' | 'mobile' | 'stored_value';
const TENDERS: Tender[] = ['bank_card', 'cash', 'mobile', 'stored_value'];
const FLIGHT = /^[A-Z0-9]{2}\d{1,4}[A-Z]?$/;
const AIRPORT = /^[A-Z]{3}$/;

/**
 * Selling a service for miles: the passenger, the flight and service with its price, the plan from
 * main (`points.quote`: the first ratio, the shares allowed, miles and cash exactly), the cash
 * part's tender, a confirmation, then `points.redeem`. No money rule lives here.
 */
export function SellMiles({ status }: { status: MilesStatus }) {
  const { t, i18n } = useTranslation();
  const { pos, info } = usePos();
  const [member, setMember] = useState<Member | null>(null);
  const [flight, setFlight] = useState({ flight: '', origin: '', destination: '', date: '' });
  const [service, setService] = useState<string | null>(null);
  const [priceText, setPriceText] = useState('');
  const [share, setShare] = useState<number | null>(null);
  const [quoted, setQuoted] = useState<{ key: string; quote?: Quote; error?: unknown } | null>(null);
  const [tender, setTender] = useState<Tender>('bank_card');
  const [receivedText, setReceivedText] = useState('');
  // A payment whose answer never came (timeout) is retried with the same id; anything else starts a new attempt.
  const [attempt, setAttempt] = useState<{ key: string; commandId: string } | null>(null);
  const [payError, setPayError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const [paying, setPaying] = useState(false);
  const [paid, setPaid] = useState<Paid | null>(null);

  const currency = info.settings.currency;
  const money = useCallback((minor: number) => formatMoney(minor, currency, i18n.language), [currency, i18n.language]);
  const price = useMemo(() => {
    const p = parseMoney(priceText);
    return p.ok && p.minor > 0 ? p.minor : null;
  }, [priceText]);
  const up = (s: string) => s.trim().toUpperCase();
  const route = { origin: up(flight.origin), destination: up(flight.destination) };
  const flightOk = FLIGHT.test(up(flight.flight)) && AIRPORT.test(route.origin) && AIRPORT.test(route.destination);
  const balance = milesOf(member).available;
  const request = member && flightOk && service && price ? { ...route, serviceType: service, price, balance, ...(share !== null ? { sharePct: share } : {}) } : null;
  const quoteKey = JSON.stringify(request);
  const quote = quoted?.key === quoteKey ? (quoted.quote ?? null) : null;
  const plan = quote?.plan ?? null;
  const received = tender === 'cash' && receivedText.trim() ? parseMoney(receivedText) : null;
  const cashTenders = plan && plan.cashFen > 0 ? [{ method: tender, amount: received?.ok ? received.minor : plan.cashFen }] : [];
  const payKey = JSON.stringify([quoteKey, member?.id, up(flight.flight), flight.date, cashTenders]);

  useEffect(() => {
    if (!request) return;
    let stale = false;
    const timer = setTimeout(() => {
      pos.points.quote(request as Parameters<typeof pos.points.quote>[0]).then(
        (q) => !stale && setQuoted({ key: quoteKey, quote: q }),
        (e: unknown) => !stale && setQuoted({ key: quoteKey, error: e }),
      );
    }, 120);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
    // The request is described by its key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pos, quoteKey]);

  const onPass = useCallback((p: Scanned) => {
    setFlight({ flight: p.flight.flight, origin: p.flight.origin, destination: p.flight.destination, date: p.flight.date ?? '' });
  }, []);
  const onMember = useCallback((m: Member | null) => {
    setMember(m);
    setShare(null);
  }, []);

  function askToPay(e?: React.SyntheticEvent) {
    e?.preventDefault();
    if (plan && !paying) setConfirming(true);
  }

  async function pay() {
    if (!plan || !member || !service || !price || paying) return;
    const id = attempt?.key === payKey ? attempt.commandId : uuidv7();
    setAttempt({ key: payKey, commandId: id });
    setPaying(true);
    setPayError(null);
    try {
      const done = await pos.points.redeem({
        commandId: id,
        memberId: member.id,
        flight: { flight: up(flight.flight), origin: route.origin, destination: route.destination, date: flight.date || null },
        serviceType: service as 'baggage',
        price,
        sharePct: plan.sharePct,
        points: plan.points,
        tenders: cashTenders,
      });
      setPaid(done);
      setAttempt(null);
    } catch (err) {
      setPayError(err);
      const unknownOutcome = err instanceof PosApiError && (err.code === 'TIMEOUT' || err.code === 'DISCONNECTED');
      if (!unknownOutcome) setAttempt(null);
    } finally {
      setConfirming(false);
      setPaying(false);
    }
  }

  function next() {
    setPaid(null);
    setMember(null);
    setService(null);
    setPriceText('');
    setShare(null);
    setReceivedText('');
    setTender('bank_card');
    setPayError(null);
    setFlight({ flight: '', origin: '', destination: '', date: '' });
  }

  if (paid) {
    const r = paid.redemption;
    return (
      <Card withBorder radius="lg" p="lg" data-testid="miles-done">
        <Stack>
          <Alert color="teal" variant="light" role="status">
            <Text size="lg" fw={700}>
              {t('miles.done', { points: r.points, money: money(r.cash), left: r.pointsLeft ?? '—' })}
            </Text>
            {r.captureState === 'pending' && <Text>{t('miles.capturePending')}</Text>}
            {paid.receipt && <Text>{paid.receipt.state === 'printed' ? t('miles.printed') : t('miles.notPrinted')}</Text>}
          </Alert>
          <Group justify="flex-end">
            <Button size="lg" onClick={next} data-autofocus>
              {t('miles.newSale')}
            </Button>
          </Group>
        </Stack>
      </Card>
    );
  }

  const field = (key: keyof typeof flight, label: string, width: number, testId: string) => (
    <TextInput size="md" w={width} label={label} value={flight[key]} onChange={(e) => setFlight({ ...flight, [key]: e.currentTarget.value })} data-testid={testId} />
  );
  const serviceName = service ? t(`miles.services.${service}`) : '';

  return (
    <Stack gap="sm">
      <Grid gutter="sm">
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Stack gap="sm">
            <PassengerCard member={member} demoPass={status.demoBoardingPass} onMember={onMember} onPass={onPass} />
            <Card withBorder radius="lg" p="sm" component="form" onSubmit={askToPay}>
              <Stack gap="xs">
                <Title order={4}>{t('miles.flightTitle')}</Title>
                <Group gap="xs" wrap="nowrap">
                  {field('flight', t('miles.flight'), 110, 'miles-flight')}
                  {field('origin', t('miles.origin'), 80, 'miles-origin')}
                  {field('destination', t('miles.destination'), 80, 'miles-destination')}
                  {field('date', t('miles.date'), 130, 'miles-date')}
                </Group>
                <Group gap="xs" data-testid="miles-services">
                  {status.services.map((s) => (
                    <Button key={s} size="md" variant={service === s ? 'filled' : 'default'} color="cyan" onClick={() => (setService(s), setShare(null))}>
                      {t(`miles.services.${s}`)}
                    </Button>
                  ))}
                </Group>
                <TextInput
                  size="md"
                  inputMode="decimal"
                  label={t('miles.price')}
                  value={priceText}
                  onChange={(e) => (setPriceText(e.currentTarget.value), setShare(null))}
                  error={priceText.trim() && !price ? t('miles.badPrice') : undefined}
                  onKeyDown={(e) => e.key === 'Enter' && askToPay(e)}
                  data-testid="miles-price"
                />
              </Stack>
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Stack gap="sm">
            <MilesPlan quote={quote} quoteError={quoted?.key === quoteKey ? quoted.error : null} share={share} onShare={setShare} money={money} ready={!!request} />
            {plan && plan.cashFen > 0 && (
              <Card withBorder radius="lg" p="sm">
                <Stack gap="xs">
                  <SegmentedControl size="md" value={tender} onChange={(v) => setTender(v as Tender)} aria-label={t('miles.payCash')} data={TENDERS.map((v) => ({ value: v, label: t(`fuel.tenders.${v}`) }))} data-testid="miles-tender" />
                  {tender === 'cash' && <TextInput size="md" inputMode="decimal" label={t('miles.received')} placeholder={money(plan.cashFen)} value={receivedText} onChange={(e) => setReceivedText(e.currentTarget.value)} />}
                </Stack>
              </Card>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
      <ActionBar testId="miles-action-bar" notice={<ErrorAlert error={payError} />}>
        <Group gap="xl" wrap="nowrap">
          <ActionFigure label={t('miles.total')} value={price ? money(price) : '—'} testId="miles-total" />
          <ActionFigure label={t('miles.milesNeeded')} value={plan ? plan.points : '—'} testId="miles-bar-points" color="cyan.8" />
          <ActionFigure label={t('miles.cashPart')} value={plan ? money(plan.cashFen) : '—'} testId="miles-bar-cash" />
        </Group>
        <Button size="xl" color="green" disabled={!plan} loading={paying} onClick={() => askToPay()} data-testid="miles-pay" style={{ flexShrink: 0 }}>
          {plan && plan.cashFen === 0 ? t('miles.payMilesOnly') : t('miles.pay', { money: plan ? money(plan.cashFen) : '—' })}
        </Button>
      </ActionBar>
      <ConfirmModal
        opened={confirming}
        busy={paying}
        error={null}
        onClose={() => setConfirming(false)}
        onConfirm={() => void pay()}
        lines={
          plan && member
            ? [
                t('miles.confirmLine1', { service: serviceName, flight: up(flight.flight), route: `${route.origin}-${route.destination}`, passenger: member.name }),
                t('miles.confirmLine2', { points: plan.points, value: money(plan.pointsValueFen) }),
                ...(plan.cashFen > 0 ? [t('miles.confirmLine3', { money: money(plan.cashFen), tender: t(`fuel.tenders.${tender}`) })] : []),
                t('miles.confirmLine4', { left: plan.pointsLeft }),
              ]
            : []
        }
      />
    </Stack>
  );
}
