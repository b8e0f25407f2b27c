import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { v7 as uuidv7 } from 'uuid';
import type { MethodOutput } from '../../../../src-main/api/contract';
import { usePos } from '../../app/pos-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { ShopMember } from './MemberPanel';
import { couponTitle, offerText } from './offer-text';

export type Matching = MethodOutput<'coupons.forProduct'>;

/**
 * The coupons matching the scanned item, best first as main ranked them, the best highlighted,
 * each with what it saves on the current cart; the identified member claims one here.
 */
export function MatchingCoupons({ matching, member, money, onClaimed }: { matching: Matching | null; member: ShopMember | null; money(minor: number): string; onClaimed(): void }) {
  const { t, i18n } = useTranslation();
  const { pos } = usePos();
  const [busy, setBusy] = useState<string | null>(null);
  const [claimed, setClaimed] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function claim(couponId: string) {
    if (!member || busy) return;
    setBusy(couponId);
    setError(null);
    setClaimed(null);
    try {
      await pos.coupons.claim({ commandId: uuidv7(), memberId: member.id, couponId });
      setClaimed(couponId);
      onClaimed();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  if (!matching) {
    return (
      <Card withBorder radius="lg" p="sm">
        <Text c="dimmed">{t('shop.matchingHint')}</Text>
      </Card>
    );
  }
  const itemName = i18n.language.startsWith('zh') ? matching.item.nameZh : matching.item.nameEn || matching.item.nameZh;
  return (
    <Card withBorder radius="lg" p="sm" data-testid="shop-matching">
      <Stack gap={6}>
        <Title order={5}>{t('shop.matching', { name: itemName })}</Title>
        {matching.coupons.length === 0 && <Text c="dimmed">{t('shop.noMatching')}</Text>}
        {matching.coupons.map((c) => (
          <Card key={c.id} withBorder radius="md" p={8} bg={c.best ? 'pink.0' : undefined} style={c.best ? { borderColor: 'var(--mantine-color-pink-5)', borderWidth: 2 } : undefined} data-testid="shop-coupon" data-best={c.best ? 'true' : 'false'}>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Group gap={6}>
                  {c.best && (
                    <Badge color="pink" size="sm">
                      {t('shop.best')}
                    </Badge>
                  )}
                  <Badge variant="outline" size="sm">
                    {t(`shop.scope.${c.scope}`)}
                  </Badge>
                  <Text fw={700}>{couponTitle(i18n.language, c)}</Text>
                </Group>
                <Text size="sm">
                  {offerText(t, c.offer, money)} · {c.saving > 0 ? t('shop.saves', { money: money(c.saving) }) : t('shop.savesNothing')}
                </Text>
              </Stack>
              {claimed === c.id ? (
                <Text c="teal" fw={700} role="status">
                  {t('shop.claimed')}
                </Text>
              ) : (
                <Button size="md" h={44} color="pink" disabled={!member} loading={busy === c.id} onClick={() => void claim(c.id)}>
                  {t('shop.claim')}
                </Button>
              )}
            </Group>
          </Card>
        ))}
        {!member && matching.coupons.length > 0 && (
          <Text size="sm" c="dimmed">
            {t('shop.noMember')}
          </Text>
        )}
        <ErrorAlert error={error} />
      </Stack>
    </Card>
  );
}
