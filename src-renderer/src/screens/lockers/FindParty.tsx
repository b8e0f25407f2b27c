import { Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../src-main/api/contract';
import { usePos } from '../../app/pos-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LockerGrid } from './LockerGrid';
import type { Overview } from './shared';

type Match = MethodOutput<'lockers.findByPhone'>[number];

/** No wristband at hand: find the party by the last digits of its phone, or tap its locker on the live grid. */
export function FindParty({ overview, onFound }: { overview: Overview; onFound(locker: number): void }) {
  const { t } = useTranslation();
  const { pos } = usePos();
  const [tail, setTail] = useState('');
  const [matches, setMatches] = useState<Match[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function search() {
    setError(null);
    try {
      const found = await pos.lockers.findByPhone({ phoneTail: tail.trim() });
      // One party: straight to it; several: the cashier picks.
      if (found.length === 1 && found[0]!.lockers[0] !== undefined) onFound(found[0]!.lockers[0]);
      setMatches(found);
    } catch (e) {
      setMatches(null);
      setError(e);
    }
  }

  return (
    <Card withBorder radius="lg" p="sm">
      <Stack gap="xs">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void search();
          }}
        >
          <Group align="flex-end" gap="xs" wrap="nowrap">
            <TextInput label={t('lockers.phoneTail')} value={tail} onChange={(e) => setTail(e.currentTarget.value)} inputMode="numeric" size="md" style={{ flex: 1 }} data-testid="phone-tail" />
            <Button type="submit" size="md" variant="light" disabled={tail.trim().length < 4}>
              {t('lockers.findByPhone')}
            </Button>
          </Group>
        </form>
        <ErrorAlert error={error} />
        {matches && matches.length === 0 && <Text c="dimmed">{t('lockers.noPhoneMatch')}</Text>}
        {matches && matches.length > 1 && (
          <Group gap="xs" data-testid="phone-matches">
            {matches.map((m) => (
              <Button key={`${m.customer}-${m.openedAt}`} variant="default" onClick={() => m.lockers[0] !== undefined && onFound(m.lockers[0])}>
                {`${m.customer} · ${m.lockers.join(', ')}`}
              </Button>
            ))}
          </Group>
        )}
        <Text size="sm" c="dimmed">
          {t('lockers.gridHint')}
        </Text>
        <LockerGrid lockers={overview.lockers} cols={8} onTap={onFound} />
      </Stack>
    </Card>
  );
}
