import { Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../src-main/api/contract';
import { usePos } from '../../app/pos-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTime } from '../../format/time';

export type MemberCard = MethodOutput<'memberCards.cards'>['cards'][number];
type History = MethodOutput<'memberCards.history'>;

/**
 * The member's cards at this merchant with their balances as the server holds them (live: the
 * screen replaces a card when `memberCards.changed` says it moved). Picking a card offers what
 * fits its kind: recharge (stored value), redeem (all), its history.
 */
export function MemberCardList({ cards, selected, onSelect, money }: { cards: MemberCard[]; selected: string | null; onSelect(id: string): void; money(fen: number): string }) {
  const { t, i18n } = useTranslation();
  const { pos, info } = usePos();
  const [history, setHistory] = useState<History | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function showHistory(cardId: string) {
    setError(null);
    if (history?.card.id === cardId) return setHistory(null);
    try {
      setHistory(await pos.memberCards.history({ cardId }));
    } catch (e) {
      setError(e);
    }
  }

  if (cards.length === 0) return <Text c="dimmed" data-testid="cards-none">{t('cards.noCards')}</Text>;
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        {cards.map((c) => (
          <Card
            key={c.id}
            withBorder
            radius="md"
            p="sm"
            bg={selected === c.id ? 'green.0' : undefined}
            style={{ cursor: 'pointer', minHeight: 44 }}
            onClick={() => onSelect(c.id)}
            data-testid="member-card"
            data-card-id={c.id}
          >
            <Group justify="space-between">
              <Text fw={700}>{c.productName}</Text>
              <Badge color={c.state === 'active' ? 'green' : 'gray'}>{t(`cards.kinds.${c.terms.kind}`)}</Badge>
            </Group>
            {c.terms.kind === 'punch' ? (
              <Text size="xl" fw={800} data-testid="card-balance">
                {t('cards.usesLeft', { count: c.usesLeft })}
              </Text>
            ) : (
              <>
                <Text size="xl" fw={800} c="green.8" data-testid="card-balance">
                  {money(c.paid + c.bonus)}
                </Text>
                <Text size="sm" c="dimmed" data-testid="card-split">
                  {t('cards.split', { paid: money(c.paid), bonus: money(c.bonus) })}
                </Text>
              </>
            )}
            <Group justify="flex-end" mt={4}>
              <Button size="md" variant="subtle" onClick={(e) => (e.stopPropagation(), void showHistory(c.id))} data-testid="card-history">
                {t('cards.history')}
              </Button>
            </Group>
          </Card>
        ))}
      </SimpleGrid>
      <ErrorAlert error={error} />
      {history && (
        <Table verticalSpacing={4} data-testid="card-history-table">
          <Table.Tbody>
            {history.movements.slice(0, 10).map((m) => (
              <Table.Tr key={`${m.commandId}-${m.kind}`}>
                <Table.Td>{formatTime(m.at, i18n.language, info.settings.timeZone)}</Table.Td>
                <Table.Td>{t(`cards.movement.${m.kind}`)}</Table.Td>
                <Table.Td>{m.memo}</Table.Td>
                <Table.Td ta="right" c={m.amount < 0 ? 'red' : 'teal'}>
                  {m.unit === 'USES' ? m.amount : money(m.amount)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
