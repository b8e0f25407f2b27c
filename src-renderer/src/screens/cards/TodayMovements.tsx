import { Badge, Button, Card, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { v7 as uuidv7 } from 'uuid';
import type { MethodOutput } from '../../../../src-main/api/contract';
import { usePos } from '../../app/pos-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTime } from '../../format/time';
import { ApprovalModal, type Approval } from '../lockers/ApprovalModal';

type Movement = MethodOutput<'memberCards.today'>[number];

/**
 * Today's member card movements at this counter, phone payments included (they arrive by push
 * and appear at once), newest first. A payment still inside the merchant's window can be reversed
 * with a manager's PIN.
 */
export function TodayMovements({ rows, money, changed }: { rows: Movement[]; money(fen: number): string; changed(): void }) {
  const { t, i18n } = useTranslation();
  const { pos, info } = usePos();
  const [reversing, setReversing] = useState<Movement | null>(null);
  const [commandId, setCommandId] = useState(uuidv7());
  const [error, setError] = useState<unknown>(null);
  // "Still reversible" is re-checked every half minute, so the button goes when the window closes.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  async function reverse(a: Approval) {
    if (!reversing) return;
    try {
      await pos.memberCards.reverse({ commandId, paymentCommandId: reversing.commandId, approval: a });
      setReversing(null);
      setCommandId(uuidv7());
      changed();
    } catch (e) {
      setError(e);
      throw e;
    }
  }

  return (
    <Card withBorder radius="lg" p="sm">
      <Title order={4}>{t('cards.today')}</Title>
      {rows.length === 0 ? (
        <Text c="dimmed">{t('cards.todayNone')}</Text>
      ) : (
        <Table verticalSpacing={4} data-testid="cards-today">
          <Table.Tbody>
            {rows.map((m) => (
              <Table.Tr key={m.commandId} data-testid="cards-today-row" data-kind={m.kind} data-source={m.source}>
                <Table.Td>{formatTime(m.createdAt, i18n.language, info.settings.timeZone)}</Table.Td>
                <Table.Td>
                  {t(`cards.movement.${m.kind}`)} {m.source === 'phone' && <Badge size="sm">{t('cards.fromPhone')}</Badge>}
                </Table.Td>
                <Table.Td>
                  {m.memberName} · {m.productName}
                </Table.Td>
                <Table.Td ta="right">{m.unit === 'USES' ? t('cards.usesCount', { count: m.amount }) : money(m.kind === 'recharge' ? m.paidPart : m.money)}</Table.Td>
                <Table.Td>
                  {m.state === 'reversed' ? <Badge color="gray">{t('cards.reversed')}</Badge> : m.captureState === 'pending' ? <Badge color="orange">{t('cards.capturePending')}</Badge> : null}
                </Table.Td>
                <Table.Td>
                  {(m.kind === 'redemption' || m.kind === 'payment') && m.state === 'made' && m.reversibleUntil && Date.parse(m.reversibleUntil) > now && (
                    <Button size="md" variant="subtle" color="red" onClick={() => (setError(null), setReversing(m))} data-testid="cards-reverse">
                      {t('cards.reverse')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ErrorAlert error={error} />
      <ApprovalModal opened={reversing !== null} action={reversing ? t('cards.reverseAction', { amount: money(reversing.money), member: reversing.memberName }) : ''} onApprove={(a) => reverse(a).then(() => null, (e: unknown) => e)} onClose={() => setReversing(null)} />
    </Card>
  );
}
