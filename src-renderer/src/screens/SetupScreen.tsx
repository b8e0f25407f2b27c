import { Button, Card, Center, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePos } from '../app/pos-context';
import { ErrorAlert } from '../components/ErrorAlert';

/** First run: name the store and create the first manager (who is then signed in). */
export function SetupScreen({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const { pos } = usePos();
  const [storeName, setStoreName] = useState('');
  const [managerName, setManagerName] = useState('');
  const [pin, setPin] = useState('');
  const [pinAgain, setPinAgain] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const mismatch = pinAgain.length > 0 && pin !== pinAgain;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (mismatch) return;
    setBusy(true);
    setError(null);
    try {
      await pos.staff.setup({ storeName, managerName, pin });
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center h="100%">
      <Card withBorder shadow="md" radius="lg" p="xl" w={480}>
        <form onSubmit={submit}>
          <Stack>
            <Title order={2}>{t('setup.title')}</Title>
            <Text c="dimmed">{t('setup.subtitle')}</Text>
            <TextInput size="md" label={t('setup.storeName')} value={storeName} onChange={(e) => setStoreName(e.currentTarget.value)} required />
            <TextInput size="md" label={t('setup.managerName')} value={managerName} onChange={(e) => setManagerName(e.currentTarget.value)} required />
            <PasswordInput size="md" label={t('setup.pin')} inputMode="numeric" value={pin} onChange={(e) => setPin(e.currentTarget.value)} required rightSectionWidth={52} />
            <PasswordInput
              size="md"
              label={t('setup.pinAgain')}
              inputMode="numeric"
              value={pinAgain}
              onChange={(e) => setPinAgain(e.currentTarget.value)}
              error={mismatch ? t('setup.pinMismatch') : undefined}
              required
            />
            <ErrorAlert error={error} />
            <Button type="submit" size="lg" loading={busy} disabled={mismatch}>
              {t('setup.submit')}
            </Button>
          </Stack>
        </form>
      </Card>
    </Center>
  );
}
