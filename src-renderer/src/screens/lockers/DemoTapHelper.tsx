import { Button, Card, Group, Text, TextInput } from '@mantine/core';
import { IconId } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePos } from '../../app/pos-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { Overview } from './shared';

/** Demo store only: taps a demo wristband on the emulated reader, so the flow works without hardware. */
export function DemoTapHelper({ demo }: { demo: NonNullable<Overview['demo']> }) {
  const { t } = useTranslation();
  const { pos } = usePos();
  const [locker, setLocker] = useState(String(demo.lockers[0]?.locker ?? ''));
  const [error, setError] = useState<unknown>(null);
  const uid = demo.lockers.find((l) => String(l.locker) === locker.trim())?.uid;
  const tap = (u: string) => {
    setError(null);
    pos.demo.tapCard({ uid: u }).catch(setError);
  };
  return (
    <Card withBorder radius="lg" bg="yellow.0" p="xs" data-testid="demo-tap">
      {/* One row: the demo's stand-in for a card reader should not push the counter's work down. */}
      <Group gap="xs" wrap="nowrap">
        <Text fw={700} size="sm">
          {t('lockers.demoTitle')}
        </Text>
        <TextInput aria-label={t('lockers.demoLocker')} placeholder={t('lockers.demoLocker')} value={locker} onChange={(e) => setLocker(e.currentTarget.value)} w={90} size="sm" />
        <Button size="sm" leftSection={<IconId size={16} />} disabled={!uid} onClick={() => uid && tap(uid)}>
          {t('lockers.demoTap')}
        </Button>
        {demo.spareUids.map((u, i) => (
          <Button key={u} size="sm" variant="light" onClick={() => tap(u)}>
            {t('lockers.demoSpare', { n: i + 1 })}
          </Button>
        ))}
        <Text size="xs" c="dimmed">
          {uid ? t('lockers.demoUid', { uid }) : ''} {demo.lockers.length > 0 && `(${demo.lockers[0]!.locker}–${demo.lockers.at(-1)!.locker})`}
        </Text>
      </Group>
      <ErrorAlert error={error} />
    </Card>
  );
}
