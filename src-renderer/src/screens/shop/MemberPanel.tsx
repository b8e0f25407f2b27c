import { Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../src-main/api/contract';
import { usePos } from '../../app/pos-context';
import { ErrorAlert } from '../../components/ErrorAlert';

export type ShopMember = MethodOutput<'coupons.findMember'>;

/**
 * Identifies the member by the member code from their phone (typed or pasted; a scan is handled by
 * the sale screen), member number or phone. Digits only and 11 long is a phone; `CPM1.…` a member
 * code; anything else a member number.
 */
export function MemberPanel({ member, onMember }: { member: ShopMember | null; onMember(m: ShopMember | null): void }) {
  const { t } = useTranslation();
  const { pos } = usePos();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function find(e: React.FormEvent) {
    e.preventDefault();
    const v = text.trim();
    if (!v || busy) return;
    setBusy(true);
    setError(null);
    try {
      onMember(await pos.coupons.findMember(v.startsWith('CPM1.') ? { code: v } : /^1\d{10}$/.test(v) ? { phone: v } : { number: v }));
      setText('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card withBorder radius="lg" p="sm" data-testid="shop-member">
      {member ? (
        <Group justify="space-between" wrap="nowrap">
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {t('shop.member')}
            </Text>
            <Text fw={700} data-testid="shop-member-name">
              {member.name} · {member.number}
            </Text>
          </Stack>
          <Button size="md" variant="default" onClick={() => onMember(null)}>
            {t('shop.clearMember')}
          </Button>
        </Group>
      ) : (
        <Stack gap={4} component="form" onSubmit={find}>
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput size="md" style={{ flex: 1 }} label={t('shop.member')} placeholder={t('shop.memberHint')} value={text} onChange={(e) => setText(e.currentTarget.value)} data-testid="shop-member-input" />
            <Button size="md" h={44} type="submit" loading={busy}>
              {t('shop.find')}
            </Button>
          </Group>
          <ErrorAlert error={error} />
        </Stack>
      )}
    </Card>
  );
}
