import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../src-main/api/contract';
import { couponTitle, offerText } from './offer-text';

export type Claims = MethodOutput<'coupons.claims'>;
/** 'auto': the claims main found best; otherwise the claim the cashier chose, or none ([]). */
export type CouponChoice = 'auto' | string[];

/** The member's claimed coupons with what each saves on the cart; the best is applied unless the cashier picks another or none. */
export function ClaimedCoupons({ claims, choice, onChoice, money }: { claims: Claims | null; choice: CouponChoice; onChoice(c: CouponChoice): void; money(minor: number): string }) {
  const { t, i18n } = useTranslation();
  if (!claims) return null;
  const applied = choice === 'auto' ? claims.best : choice;
  return (
    <Card withBorder radius="lg" p="sm" data-testid="shop-claims">
      <Stack gap={6}>
        <Group justify="space-between">
          <Title order={5}>{t('shop.claims')}</Title>
          {claims.claims.length > 0 && (
            <Button size="md" h={44} variant={applied.length === 0 ? 'filled' : 'default'} onClick={() => onChoice([])}>
              {t('shop.none')}
            </Button>
          )}
        </Group>
        {claims.claims.length === 0 && <Text c="dimmed">{t('shop.noClaims')}</Text>}
        {choice === 'auto' && claims.best.length > 0 && (
          <Text size="sm" c="teal">
            {t('shop.autoApplied')}
          </Text>
        )}
        {claims.claims.map((c) => {
          const on = applied.includes(c.claimId);
          return (
            <Group key={c.claimId} justify="space-between" wrap="nowrap" data-testid="shop-claim" data-applied={on ? 'true' : 'false'}>
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text fw={700}>{couponTitle(i18n.language, c.coupon)}</Text>
                <Text size="sm">
                  {offerText(t, c.coupon.offer, money)} · {c.saving > 0 ? t('shop.saves', { money: money(c.saving) }) : t('shop.savesNothing')}
                </Text>
              </Stack>
              {on ? (
                <Badge color="teal" size="lg">
                  {t('shop.applied')}
                </Badge>
              ) : (
                <Button size="md" h={44} variant="light" disabled={c.saving === 0} onClick={() => onChoice([c.claimId])}>
                  {t('shop.apply')}
                </Button>
              )}
            </Group>
          );
        })}
      </Stack>
    </Card>
  );
}
