import { Button, Card, Group, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { v7 as uuidv7 } from 'uuid';
import type { MethodOutput } from '../../../../src-main/api/contract';
import { usePos } from '../../app/pos-context';
import { PosApiError } from '../../bridge/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { parseMoney } from '../../format/money';
import type { MemberCard } from './MemberCardList';

type Product = MethodOutput<'memberCards.products'>[number];
type Tender = 'cash' | 'bankCard' | 'mobile';
type Action = 'open' | 'recharge' | 'redeem';
type Pending = { action: Action; lines: string[]; run(commandId: string): Promise<unknown> };

/**
 * What the cashier does for the identified member: open a card of a product, recharge a
 * stored-value card (a tier, or any amount; the bonus is the card's own rule, applied by the
 * server), redeem an amount (¥, exact) or a number of uses. Every action is confirmed before money
 * moves; a retry after no answer reuses the command id, anything else starts a new one.
 */
export function CardActions({ memberId, card, money, done }: { memberId: string; card: MemberCard | null; money(fen: number): string; done(): void }) {
  const { t } = useTranslation();
  const { pos } = usePos();
  const [products, setProducts] = useState<Product[]>([]);
  const [productId, setProductId] = useState<string | null>(null);
  // The action picked for a card; a card picked anew starts on what fits its kind.
  const [choice, setChoice] = useState<{ cardId: string | null; action: Action } | null>(null);
  const [tender, setTender] = useState<Tender>('cash');
  const [amountText, setAmountText] = useState('');
  const [pending, setPending] = useState<Pending | null>(null);
  const [attempt, setAttempt] = useState<{ key: string; commandId: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => void pos.memberCards.products().then(setProducts, setError), [pos]);
  const action: Action = choice && choice.cardId === (card?.id ?? null) ? choice.action : card ? (card.terms.kind === 'stored' ? 'recharge' : 'redeem') : 'open';
  const setAction = (a: Action) => setChoice({ cardId: card?.id ?? null, action: a });

  const punch = card?.terms.kind === 'punch';
  const parsed = punch ? (/^\d{1,4}$/.test(amountText.trim()) ? { ok: true as const, minor: Number(amountText.trim()) } : { ok: false as const }) : parseMoney(amountText);
  const amount = parsed.ok && parsed.minor > 0 ? parsed.minor : null;
  const tiers = card?.terms.kind === 'stored' ? card.terms.tiers : [];

  function ask(p: Pending) {
    setError(null);
    setPending(p);
  }

  async function confirm() {
    if (!pending) return;
    const key = pending.lines.join('|');
    const commandId = attempt?.key === key ? attempt.commandId : uuidv7();
    setAttempt({ key, commandId });
    setBusy(true);
    setError(null);
    try {
      await pending.run(commandId);
      setPending(null);
      setAttempt(null);
      setAmountText('');
      done();
    } catch (e) {
      // Only "no answer" keeps the id: the server may have done it, and the same id finishes it once.
      if (!(e instanceof PosApiError && e.code === 'VALUE_OFFLINE')) setAttempt(null);
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const tenderPicker = (
    <SegmentedControl size="md" value={tender} onChange={(v) => setTender(v as Tender)} data={(['cash', 'bankCard', 'mobile'] as const).map((v) => ({ value: v, label: t(`cards.tender.${v}`) }))} data-testid="cards-tender" />
  );
  const product = products.find((p) => p.id === productId);

  return (
    <Card withBorder radius="lg" p="sm">
      <Stack gap="xs">
        <SegmentedControl
          size="md"
          value={action}
          onChange={(v) => setAction(v as Action)}
          data={[
            { value: 'open', label: t('cards.open') },
            { value: 'recharge', label: t('cards.recharge'), disabled: card?.terms.kind !== 'stored' },
            { value: 'redeem', label: t('cards.redeem'), disabled: !card },
          ]}
          data-testid="cards-action"
        />
        {action === 'open' && (
          <Group align="flex-end">
            <Select size="md" label={t('cards.product')} data={products.map((p) => ({ value: p.id, label: p.name }))} value={productId} onChange={setProductId} data-testid="cards-product" comboboxProps={{ withinPortal: true }} />
            {tenderPicker}
            <Button
              size="md"
              disabled={!product}
              data-testid="cards-open"
              onClick={() =>
                product &&
                ask({
                  action: 'open',
                  lines: [t('cards.confirmOpen', { product: product.name }), ...('price' in product.terms && product.terms.price > 0 ? [t('cards.confirmPrice', { price: money(product.terms.price), tender: t(`cards.tender.${tender}`) })] : [])],
                  run: (commandId) => pos.memberCards.open({ commandId, memberId, productId: product.id, tender }),
                })
              }
            >
              {t('cards.open')}
            </Button>
          </Group>
        )}
        {action === 'recharge' && card && (
          <Stack gap="xs">
            <Group gap="xs">
              {tiers.map((tier) => (
                <Button key={tier.pay} size="md" variant="light" onClick={() => setAmountText((tier.pay / 100).toFixed(2))} data-testid="cards-tier">
                  {t('cards.tier', { pay: money(tier.pay), get: money(tier.pay + tier.bonus) })}
                </Button>
              ))}
            </Group>
            <Group align="flex-end">
              <TextInput size="md" label={t('cards.rechargeAmount')} inputMode="decimal" value={amountText} onChange={(e) => setAmountText(e.currentTarget.value)} data-testid="cards-amount" />
              {tenderPicker}
              <Button
                size="md"
                disabled={!amount}
                data-testid="cards-recharge"
                onClick={() => {
                  const tier = [...tiers].filter((x) => x.pay === amount)[0];
                  ask({
                    action: 'recharge',
                    lines: [t('cards.confirmRecharge', { amount: money(amount!), card: card.productName, tender: t(`cards.tender.${tender}`) }), ...(tier ? [t('cards.confirmBonus', { bonus: money(tier.bonus) })] : [])],
                    run: (commandId) => pos.memberCards.recharge({ commandId, cardId: card.id, amount: amount!, tender }),
                  });
                }}
              >
                {t('cards.recharge')}
              </Button>
            </Group>
          </Stack>
        )}
        {action === 'redeem' && card && (
          <Group align="flex-end">
            <TextInput size="md" label={punch ? t('cards.uses') : t('cards.redeemAmount')} inputMode="decimal" value={amountText} onChange={(e) => setAmountText(e.currentTarget.value)} data-testid="cards-amount" />
            <Button
              size="md"
              color="green"
              disabled={!amount}
              data-testid="cards-redeem"
              onClick={() =>
                ask({
                  action: 'redeem',
                  lines: [punch ? t('cards.confirmRedeemUses', { count: amount!, card: card.productName }) : t('cards.confirmRedeem', { amount: money(amount!), card: card.productName })],
                  run: (commandId) => pos.memberCards.redeem({ commandId, cardId: card.id, amount: amount! }),
                })
              }
            >
              {t('cards.redeem')}
            </Button>
          </Group>
        )}
        {!card && action !== 'open' && <Text c="dimmed">{t('cards.pickCard')}</Text>}
      </Stack>
      <ConfirmModal opened={pending !== null} lines={pending?.lines ?? []} busy={busy} error={error} onConfirm={() => void confirm()} onClose={() => (setPending(null), setError(null))} />
    </Card>
  );
}
