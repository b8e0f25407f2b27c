import { Alert, Button, Card, Grid, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { IconScan } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { v7 as uuidv7 } from 'uuid';
import type { MethodOutput } from '../../../../src-main/api/contract';
import { useDraft } from '../../app/drafts';
import { usePos } from '../../app/pos-context';
import { PosApiError, subscribe } from '../../bridge/client';
import { ActionBar, ActionFigure } from '../../components/ActionBar';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ScreenHeader } from '../../components/ScreenHeader';
import { formatMoney, parseMoney } from '../../format/money';
import { CartPanel, type PricedLine, type ShopItem } from './CartPanel';
import { ClaimedCoupons, type Claims, type CouponChoice } from './ClaimedCoupons';
import { MatchingCoupons, type Matching } from './MatchingCoupons';
import { MemberPanel, type ShopMember } from './MemberPanel';
import { couponTitle } from './offer-text';

/** What a member's dynamic code starts with (src-main/domain/members/member-code.ts; that module needs node:crypto, so the renderer repeats the prefix). */
const MEMBER_CODE_PREFIX = 'CPM1.';

type Sold = MethodOutput<'shop.sell'>;
type Tender = 'cash' | 'bank_card' | 'mobile' | 'stored_value';
const TENDERS: Tender[] = ['cash', 'bank_card', 'mobile', 'stored_value'];
const EMPTY = { lines: [] as PricedLine[], subtotal: 0 };
type CartLine = { itemId: string; quantity: number };

/**
 * The shop sale: scan or pick items, identify the member, see the coupons of the scanned item
 * (claim one) and the member's claimed coupons (the best applied unless the cashier picks another
 * or none), choose the tender, confirm, `shop.sell`. Prices, coupon choices and totals are main's.
 */
export function ShopScreen({ back, couponsOnly = false }: { back(): void; couponsOnly?: boolean }) {
  const { t, i18n } = useTranslation();
  const { pos, bridge, info } = usePos();
  const [items, setItems] = useState<ShopItem[]>([]);
  // The cart is a draft: a reload or a renderer crash brings it back (main re-prices it).
  const [draft, setDraft, clearDraft] = useDraft(couponsOnly ? 'coupons' : 'shop', { cart: [] as CartLine[] });
  const cart = draft.cart;
  const setCart = useCallback((change: (c: CartLine[]) => CartLine[]) => setDraft((d) => ({ cart: change(d.cart) })), [setDraft]);
  const [pricedState, setPriced] = useState<{ lines: PricedLine[]; subtotal: number }>(EMPTY);
  const [scanned, setScanned] = useState<string | null>(null);
  const [matchingState, setMatching] = useState<Matching | null>(null);
  const [member, setMember] = useState<ShopMember | null>(null);
  const [claimsState, setClaims] = useState<{ memberId: string; claims: Claims } | null>(null);
  const [claimsVersion, setClaimsVersion] = useState(0);
  const [choice, setChoice] = useState<CouponChoice>('auto');
  const [tender, setTender] = useState<Tender>('cash');
  const [receivedText, setReceivedText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const [paying, setPaying] = useState(false);
  const [attempt, setAttempt] = useState<{ key: string; commandId: string } | null>(null);
  const [sold, setSold] = useState<Sold | null>(null);
  const [status, setStatus] = useState<MethodOutput<'coupons.status'> | null>(null);

  const currency = info.settings.currency;
  const money = useCallback((minor: number) => formatMoney(minor, currency, i18n.language), [currency, i18n.language]);
  const cartKey = JSON.stringify(cart);

  useEffect(() => {
    const load = () => {
      pos.shop.items().then(setItems, setError);
      pos.coupons.status().then(setStatus, () => {});
    };
    load();
    // Items and coupons from head office arrive as pulled reference data: reload when they change.
    const offs = [subscribe(bridge, 'catalog.changed', load), subscribe(bridge, 'sync.reference', load)];
    return () => offs.forEach((off) => off());
  }, [pos, bridge]);

  const add = useCallback((itemId: string) => {
    setCart((c) => (c.some((l) => l.itemId === itemId) ? c.map((l) => (l.itemId === itemId ? { ...l, quantity: Math.min(999, l.quantity + 1) } : l)) : [...c, { itemId, quantity: 1 }]));
    setScanned(itemId);
    setError(null);
  }, [setCart]);
  const scanCode = useCallback(
    (code: string) =>
      // The member's dynamic code (the QR their phone shows) names the member; any other code is an item.
      code.trim().startsWith(MEMBER_CODE_PREFIX)
        ? pos.coupons.findMember({ code }).then((m) => (setMember(m), setChoice('auto'), setError(null)), setError)
        : pos.shop.scan({ code }).then((i) => add(i.id), setError),
    [pos, add],
  );
  useEffect(() => subscribe(bridge, 'device.scan', (p) => void scanCode(p.code)), [bridge, scanCode]);
  const setQuantity = (itemId: string, quantity: number) => setCart((c) => (quantity <= 0 ? c.filter((l) => l.itemId !== itemId) : c.map((l) => (l.itemId === itemId ? { ...l, quantity } : l))));

  // Main prices the cart (the catalog's price now); the screen never adds up money itself.
  useEffect(() => {
    if (cart.length === 0) return;
    let stale = false;
    pos.shop.price({ lines: cart }).then((p) => !stale && setPriced(p), (e: unknown) => !stale && setError(e));
    return () => {
      stale = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pos, cartKey]);
  useEffect(() => {
    if (!scanned) return;
    let stale = false;
    pos.coupons.forProduct({ itemId: scanned, lines: cart }).then((m) => !stale && setMatching(m), () => !stale && setMatching(null));
    return () => {
      stale = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pos, scanned, cartKey]);
  useEffect(() => {
    if (!member) return;
    let stale = false;
    pos.coupons.claims({ memberId: member.id, lines: cart }).then(
      (c) => !stale && setClaims({ memberId: member.id, claims: c }),
      (e: unknown) => !stale && setError(e),
    );
    return () => {
      stale = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pos, member, cartKey, claimsVersion]);

  // What the last answers say for the cart, scanned item and member now (an older answer is not shown).
  const priced = cart.length === 0 ? EMPTY : pricedState;
  const matching = scanned ? matchingState : null;
  const claims = member && claimsState?.memberId === member.id ? claimsState.claims : null;
  const chosen = claims ? (choice === 'auto' ? claims.best : choice) : [];
  const discount = !claims || chosen.length === 0 ? 0 : choice === 'auto' ? claims.bestSaving : (claims.claims.find((c) => c.claimId === chosen[0])?.saving ?? 0);
  const total = Math.max(0, priced.subtotal - discount);
  const appliedTitles = claims ? claims.claims.filter((c) => chosen.includes(c.claimId)).map((c) => couponTitle(i18n.language, c.coupon)) : [];
  const received = tender === 'cash' && receivedText.trim() ? parseMoney(receivedText) : null;
  const tenders = total > 0 ? [{ method: tender, amount: received?.ok ? received.minor : total }] : [];
  const payKey = JSON.stringify([cart, member?.id, chosen, total, tenders]);
  const count = priced.lines.reduce((s, l) => s + l.quantity, 0);

  // The customer-facing display follows the cart and the scanned item's coupons.
  useEffect(() => {
    if (couponsOnly) return;
    const coupons = (matching?.coupons ?? []).map((c) => ({ titleZh: c.titleZh, titleEn: c.titleEn, saving: c.saving, best: c.best }));
    void pos.shop.showCustomer({ lines: priced.lines.map((l) => ({ nameZh: l.nameZh, nameEn: l.nameEn, quantity: l.quantity, amount: l.amount })), subtotal: priced.subtotal, discount, total, coupons }).catch(() => {});
  }, [pos, priced, discount, total, matching, couponsOnly]);

  async function pay() {
    if (paying || priced.lines.length === 0) return;
    const commandId = attempt?.key === payKey ? attempt.commandId : uuidv7();
    setAttempt({ key: payKey, commandId });
    setPaying(true);
    setError(null);
    try {
      setSold(await pos.shop.sell({ commandId, lines: cart, total, tenders, memberId: member?.id ?? null, claimIds: member ? chosen : [] }));
      setAttempt(null);
    } catch (err) {
      setError(err);
      const unknownOutcome = err instanceof PosApiError && (err.code === 'TIMEOUT' || err.code === 'DISCONNECTED');
      if (!unknownOutcome) setAttempt(null);
      // Another counter used the coupon (or a rule changed): reload the claims, the cashier confirms the new total.
      if (err instanceof PosApiError && err.code.startsWith('COUPON_')) {
        setChoice('auto');
        setClaimsVersion((v) => v + 1);
      }
    } finally {
      setConfirming(false);
      setPaying(false);
    }
  }

  function next() {
    setSold(null);
    clearDraft();
    setScanned(null);
    setMember(null);
    setChoice('auto');
    setReceivedText('');
    setError(null);
  }

  const header = <ScreenHeader title={couponsOnly ? t('shop.couponsTitle') : t('shop.title')} back={back} />;
  if (sold) {
    const s = sold.sale;
    return (
      <Stack p="md" gap="sm">
        {header}
        <Card withBorder radius="lg" p="lg" data-testid="shop-done">
          <Stack>
            <Alert color="teal" variant="light" role="status">
              <Text size="lg" fw={700}>
                {t('shop.done', { money: money(s.total) })}
              </Text>
              {s.change > 0 && <Text>{t('shop.change', { money: money(s.change) })}</Text>}
              {s.coupons.map((c) => (
                <Text key={c.claimId}>{t('shop.doneSaved', { money: money(c.saving), title: couponTitle(i18n.language, c) })}</Text>
              ))}
              {s.couponState === 'pending' && <Text>{t('shop.couponPending')}</Text>}
              {sold.receipt && <Text>{sold.receipt.state === 'printed' ? t('shop.printed') : t('shop.notPrinted')}</Text>}
            </Alert>
            <Group justify="flex-end">
              <Button size="lg" onClick={next} data-autofocus>
                {t('shop.newSale')}
              </Button>
            </Group>
          </Stack>
        </Card>
      </Stack>
    );
  }

  const demoItems = info.demo ? items.filter((i) => i.barcode).slice(0, 6) : [];
  return (
    <Stack p="md" gap="sm">
      {header}
      {status && !status.connected && (
        <Alert color="yellow" variant="light">
          {t('shop.offline')}
        </Alert>
      )}
      {demoItems.length > 0 && (
        <Group gap="xs" p={6} bg="yellow.0" style={{ borderRadius: 8 }} data-testid="shop-demo">
          {demoItems.map((i) => (
            <Button key={i.id} size="md" variant="light" leftSection={<IconScan size={16} />} onClick={() => void pos.demo.scan({ code: i.barcode! }).catch(setError)}>
              {i18n.language.startsWith('zh') ? i.nameZh : i.nameEn}
            </Button>
          ))}
        </Group>
      )}
      <Grid gutter="sm">
        <Grid.Col span={{ base: 12, sm: 7 }}>
          <CartPanel items={items} lines={priced.lines} onAdd={add} onCode={(code) => void scanCode(code)} onQuantity={setQuantity} money={money} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 5 }}>
          <Stack gap="sm">
            <MemberPanel member={member} onMember={(m) => (setMember(m), setChoice('auto'))} />
            <MatchingCoupons matching={matching} member={member} money={money} onClaimed={() => setClaimsVersion((v) => v + 1)} />
            <ClaimedCoupons claims={claims} choice={choice} onChoice={setChoice} money={money} />
            {!couponsOnly && total > 0 && (
              <Card withBorder radius="lg" p="sm">
                <Stack gap="xs">
                  <SegmentedControl size="md" value={tender} onChange={(v) => setTender(v as Tender)} aria-label={t('shop.tender')} data={TENDERS.map((v) => ({ value: v, label: t(`fuel.tenders.${v}`) }))} data-testid="shop-tender" />
                  {tender === 'cash' && <TextInput size="md" inputMode="decimal" label={t('shop.received')} placeholder={money(total)} value={receivedText} onChange={(e) => setReceivedText(e.currentTarget.value)} data-testid="shop-received" />}
                </Stack>
              </Card>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
      {!couponsOnly && (
        <ActionBar testId="shop-action-bar" notice={<ErrorAlert error={error} />}>
          <Group gap="xl" wrap="nowrap">
            <ActionFigure label={t('shop.subtotal')} value={money(priced.subtotal)} testId="shop-subtotal" />
            <ActionFigure label={t('shop.discount')} value={discount > 0 ? `−${money(discount)}` : '—'} testId="shop-discount" color="pink.7" />
            <ActionFigure label={t('shop.total')} value={money(total)} testId="shop-total" />
          </Group>
          <Button size="xl" color="green" disabled={priced.lines.length === 0} loading={paying} onClick={() => setConfirming(true)} data-testid="shop-pay" style={{ flexShrink: 0 }}>
            {t('shop.pay', { money: money(total) })}
          </Button>
        </ActionBar>
      )}
      {couponsOnly && <ErrorAlert error={error} />}
      <ConfirmModal
        opened={confirming}
        busy={paying}
        error={null}
        title={t('shop.confirmTitle')}
        onClose={() => setConfirming(false)}
        onConfirm={() => void pay()}
        lines={[t('shop.confirmLines', { count, money: money(total), tender: t(`fuel.tenders.${tender}`) }), ...appliedTitles.map((title) => t('shop.confirmCoupon', { title, money: money(discount) }))]}
      />
    </Stack>
  );
}
