import { Avatar, Badge, Button, Card, Center, Group, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffInfo } from '../../../src-main/api/contract';
import { usePos } from '../app/pos-context';
import { ErrorAlert } from '../components/ErrorAlert';
import { PinPad } from '../components/PinPad';

function initials(name: string): string {
  return name.trim().slice(0, 1).toUpperCase();
}

/** Tap your name, then your PIN. A wrong PIN is refused by main and the field cleared. */
export function SignInScreen() {
  const { t } = useTranslation();
  const { pos, info } = usePos();
  const [staff, setStaff] = useState<StaffInfo[]>([]);
  const [chosen, setChosen] = useState<StaffInfo | null>(null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    pos.staff.list().then(setStaff, setError);
  }, [pos]);

  async function submit() {
    if (!chosen || pin.length < 4 || busy) return;
    setBusy(true);
    setError(null);
    try {
      await pos.staff.signIn({ staffId: chosen.id, pin });
    } catch (err) {
      setError(err);
      setPin('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center h="100%">
      <Card withBorder shadow="md" radius="lg" p="xl" w={chosen ? 420 : 720}>
        <Stack>
          <Text c="dimmed" size="sm">
            {info.settings.storeName}
          </Text>
          <Title order={2}>{t('signIn.title')}</Title>
          {!chosen ? (
            <>
              <Text>{t('signIn.pickStaff')}</Text>
              <SimpleGrid cols={3} spacing="md">
                {staff.map((s) => (
                  <UnstyledButton key={s.id} onClick={() => setChosen(s)} aria-label={s.name}>
                    <Card withBorder radius="md" p="md" className="staff-tile">
                      <Stack align="center" gap={6}>
                        <Avatar color={s.role === 'manager' ? 'grape' : 'teal'} radius="xl" size="lg">
                          {initials(s.name)}
                        </Avatar>
                        <Text fw={600} ta="center">
                          {s.name}
                        </Text>
                        <Badge size="sm" variant="light" color={s.role === 'manager' ? 'grape' : 'teal'}>
                          {t(`roles.${s.role}`)}
                        </Badge>
                      </Stack>
                    </Card>
                  </UnstyledButton>
                ))}
              </SimpleGrid>
              <ErrorAlert error={error} />
            </>
          ) : (
            <Stack align="center">
              <Group w="100%" justify="space-between">
                <Button
                  variant="subtle"
                  leftSection={<IconArrowLeft size={18} />}
                  onClick={() => {
                    setChosen(null);
                    setPin('');
                    setError(null);
                  }}
                >
                  {t('signIn.back')}
                </Button>
                <Text fw={600}>{chosen.name}</Text>
              </Group>
              <PinPad value={pin} onChange={setPin} onSubmit={submit} busy={busy} />
              <ErrorAlert error={error} />
            </Stack>
          )}
        </Stack>
      </Card>
    </Center>
  );
}
