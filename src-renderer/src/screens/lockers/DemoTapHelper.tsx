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
    <Card withBorder radius="lg" bg="yellow.0" data-testid="demo-tap">
      <Text fw={700} mb="xs">
        {t('lockers.demoTitle')}
      </Text>
      <Group align="flex-end">
        <TextInput label={t('lockers.demoLocker')} value={locker} onChange={(e) => setLocker(e.currentTarget.value)} w={140} size="md" />
        <Button size="md" leftSection={<IconId size={18} />} disabled={!uid} onClick={() => uid && tap(uid)}>
          {t('lockers.demoTap')}
        </Button>
        {demo.spareUids.map((u, i) => (
          <Button key={u} size="md" variant="light" onClick={() => tap(u)}>
            {t('lockers.demoSpare', { n: i + 1 })}
          </Button>
        ))}
      </Group>
      <Text size="sm" c="dimmed" mt={4}>
        {uid ? t('lockers.demoUid', { uid }) : ''} {demo.lockers.length > 0 && `(${demo.lockers[0]!.locker}–${demo.lockers.at(-1)!.locker})`}
      </Text>
      <ErrorAlert error={error} />
    </Card>
  );
}
