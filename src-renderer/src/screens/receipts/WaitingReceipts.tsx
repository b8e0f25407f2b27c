import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../src-main/api/contract';
import { usePos } from '../../app/pos-context';

type Waiting = MethodOutput<'receipts.list'>['waiting'];

/** Receipts that did not print: any cashier prints them once the printer is back; a manager may dismiss one. */
export function WaitingReceipts(props: { waiting: Waiting; money(minor: number): string; onChange(): void; onNotice(text: string): void; onError(e: unknown): void }) {
  const { t } = useTranslation();
  const { pos, staff } = usePos();
  if (props.waiting.length === 0) return null;
  const act = (work: Promise<unknown>, notice: string) =>
    work.then(
      () => props.onNotice(notice),
      (e: unknown) => props.onError(e),
    ).finally(props.onChange);

  return (
    <Card withBorder radius="lg" bg="red.0" data-testid="waiting-receipts">
      <Stack gap="sm">
        <Title order={4}>{t('receipts.waiting')}</Title>
        <Text size="sm">{t('receipts.waitingHint')}</Text>
        {props.waiting.map((w) => (
          <Group key={w.jobId} justify="space-between" data-waiting={w.number}>
            <Text ff="monospace">
              {w.number} · {props.money(w.total)}
            </Text>
            <Group gap="xs">
              <Button h={44} onClick={() => act(pos.receipts.retry({ jobId: w.jobId }), t('receipts.printedNumber', { number: w.number }))}>
                {t('receipts.printNow')}
              </Button>
              {staff?.role === 'manager' && (
                <Button h={44} variant="subtle" color="gray" onClick={() => act(pos.receipts.dismiss({ jobId: w.jobId }), t('receipts.dismissed', { number: w.number }))}>
                  {t('receipts.dismiss')}
                </Button>
              )}
            </Group>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
