import { Badge, Card, Divider, Group, Image, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput, PosBridge } from '../../../../src-main/api/contract';
import { createClient, subscribe } from '../../bridge/client';
import { formatMoney } from '../../format/money';

type View = MethodOutput<'shop.customerView'>;

/**
 * The customer-facing display (a second window under Electron, `?display=customer` in the browser
 * host): head office's product promotions, the cart being rung up and its coupons, best marked.
 * Read-only and not signed in: it shows what the customer sees anyway, live from `shop.customer`.
 */
export function CustomerDisplay({ bridge }: { bridge: PosBridge }) {
  const { t, i18n } = useTranslation();
  const pos = useMemo(() => createClient(bridge), [bridge]);
  const [view, setView] = useState<View | null>(null);
  useEffect(() => {
    void pos.shop.customerView().then(setView, () => {});
    return subscribe(bridge, 'shop.customer', setView);
  }, [pos, bridge]);
  if (!view) return null;
  const zh = i18n.language.startsWith('zh');
  const pick = (x: { titleZh: string; titleEn: string }) => (zh || !x.titleEn ? x.titleZh : x.titleEn);
  const money = (minor: number) => formatMoney(minor, view.currency, i18n.language);
  const { cart } = view;
  return (
    <Stack p="lg" gap="md" data-testid="customer-display">
      <Title order={1}>{t('shop.welcome')}</Title>
      <SimpleGrid cols={2} spacing="lg">
        <Stack gap="sm">
          <Title order={3}>{t('shop.promotions')}</Title>
          {view.promotions.map((p) => (
            <Card key={p.id} withBorder radius="lg" p="md" data-testid="customer-promotion">
              <Group wrap="nowrap" align="flex-start">
                {p.imageUrl && <Image src={p.imageUrl} w={96} h={96} radius="md" alt="" />}
                <Stack gap={4}>
                  <Text size="xl" fw={800}>
                    {pick(p)}
                  </Text>
                  <Text size="lg">{zh || !p.textEn ? p.textZh : p.textEn}</Text>
                </Stack>
              </Group>
            </Card>
          ))}
        </Stack>
        <Stack gap="sm">
          <Title order={3}>{t('shop.cart')}</Title>
          <Card withBorder radius="lg" p="md" data-testid="customer-cart">
            {cart.lines.map((l, i) => (
              <Group key={i} justify="space-between">
                <Text size="lg">
                  {zh ? l.nameZh : l.nameEn || l.nameZh} × {l.quantity}
                </Text>
                <Text size="lg">{money(l.amount)}</Text>
              </Group>
            ))}
            <Divider my="sm" />
            {cart.discount > 0 && (
              <Group justify="space-between">
                <Text size="lg">{t('shop.discount')}</Text>
                <Text size="lg" c="pink.7">
                  −{money(cart.discount)}
                </Text>
              </Group>
            )}
            <Group justify="space-between">
              <Text size="xl" fw={800}>
                {t('shop.total')}
              </Text>
              <Text size="xl" fw={800} data-testid="customer-total">
                {money(cart.total)}
              </Text>
            </Group>
          </Card>
          {cart.coupons.map((c, i) => (
            <Card key={i} withBorder radius="md" p="sm" data-testid="customer-coupon">
              <Group justify="space-between">
                <Group gap={6}>
                  {c.best && <Badge color="pink">{t('shop.best')}</Badge>}
                  <Text fw={700}>{pick(c)}</Text>
                </Group>
                {c.saving > 0 && <Text>{t('shop.saves', { money: money(c.saving) })}</Text>}
              </Group>
            </Card>
          ))}
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
