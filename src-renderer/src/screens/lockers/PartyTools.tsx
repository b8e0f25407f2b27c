import { Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePos } from '../../app/pos-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCardTap, useCommandId } from './shared';

/** For an open party: add a wristband, or report one lost (the next tap fills the replacement). */
export function PartyTools({ partyRef, onChanged, onReplacing }: { partyRef: string; onChanged(): void; onReplacing(on: boolean): void }) {
  const { t } = useTranslation();
  const { pos } = usePos();
  const addCmd = useCommandId();
  const lostCmd = useCommandId();
  const [addLocker, setAddLocker] = useState('');
  const [lostLocker, setLostLocker] = useState('');
  const [replacement, setReplacement] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  useCardTap((uid) => {
    if (lostLocker) setReplacement(uid);
  });

  async function run(action: () => Promise<string>, cmd: ReturnType<typeof useCommandId>) {
    setError(null);
    setDone(null);
    try {
      setDone(await action());
      cmd.done();
      onChanged();
    } catch (e) {
      setError(e);
      cmd.failed(e);
    }
  }

  return (
    <Card withBorder radius="lg">
      <Stack>
        <Title order={5}>{t('lockers.addWristband')}</Title>
        <Group align="flex-end">
          <TextInput label={t('lockers.locker')} value={addLocker} onChange={(e) => setAddLocker(e.currentTarget.value)} size="md" w={140} />
          <Button
            variant="light"
            disabled={!addLocker.trim()}
            onClick={() =>
              void run(async () => {
                const r = await pos.lockers.addWristband({ commandId: addCmd.get(), party: partyRef, wristband: addLocker.trim() });
                setAddLocker('');
                return t('lockers.added', { locker: r.locker });
              }, addCmd)
            }
          >
            {t('lockers.add')}
          </Button>
        </Group>
        <Title order={5}>{t('lockers.lostTitle')}</Title>
        <Group align="flex-end">
          <TextInput label={t('lockers.locker')} value={lostLocker} onChange={(e) => { const v = e.currentTarget.value; setLostLocker(v); onReplacing(v.trim() !== ''); }} size="md" w={140} />
          <TextInput label={t('lockers.replacementUid')} value={replacement} onChange={(e) => setReplacement(e.currentTarget.value)} size="md" w={240} />
          <Button
            color="orange"
            disabled={!lostLocker.trim() || !replacement.trim()}
            onClick={() =>
              void run(async () => {
                const r = await pos.lockers.reportLost({ commandId: lostCmd.get(), wristband: lostLocker.trim(), replacementUid: replacement.trim() });
                setLostLocker('');
                setReplacement('');
                onReplacing(false);
                return t('lockers.lostDone', { locker: r.locker, count: r.movedCharges });
              }, lostCmd)
            }
          >
            {t('lockers.reportLost')}
          </Button>
        </Group>
        <ErrorAlert error={error} />
        {done && (
          <Text c="teal" role="status">
            {done}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
