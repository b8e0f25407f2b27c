import { Badge, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPlaneDeparture, IconScan } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../src-main/api/contract';
import { usePos } from '../../app/pos-context';
import { subscribe } from '../../bridge/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTime } from '../../format/time';

export type Member = MethodOutput<'points.lookup'>;
export type Scanned = MethodOutput<'points.scan'>;
type History = MethodOutput<'points.history'>;

export const milesOf = (m: Member | null) => m?.balances.find((b) => b.unit === 'MILES') ?? { unit: 'MILES' as const, balance: 0, held: 0, available: 0 };

/**
 * Finds the passenger: a scanned boarding pass (scanner or keyboard wedge; its frequent flyer
 * number finds the member), or a member number or phone typed by the agent. Shows their miles and,
 * on request, the latest movements.
 */
export function PassengerCard({ member, demoPass, onMember, onPass }: { member: Member | null; demoPass: string | null; onMember(m: Member | null): void; onPass(p: Scanned): void }) {
  const { t, i18n } = useTranslation();
  const { pos, bridge, info } = usePos();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [passName, setPassName] = useState<string | null>(null);
  const [history, setHistory] = useState<History | null>(null);

  const scan = useCallback(
    async (code: string) => {
      setError(null);
      try {
        // A boarding pass, or anything that is not a member number (the server then says it is not a pass).
        if (/^M[1-4]/.test(code) || !/^[A-Za-z0-9]{4,20}$/.test(code.trim())) {
          const p = await pos.points.scan({ code });
          setPassName(p.passengerName);
          onPass(p);
          if (p.member) onMember(p.member);
          if (p.problem) setError({ message: p.problem.message[i18n.language as 'en' | 'zh-CN'] ?? p.problem.message.en });
        } else {
          onMember(await pos.points.lookup({ number: code.trim() }));
        }
      } catch (e) {
        setError(e);
      }
    },
    [pos, onMember, onPass, i18n.language],
  );
  useEffect(() => subscribe(bridge, 'device.scan', (p) => void scan(p.code)), [bridge, scan]);

  async function find(e?: React.FormEvent) {
    e?.preventDefault();
    const q = text.trim();
    if (!q) return;
    setBusy(true);
    setError(null);
    try {
      onMember(await pos.points.lookup(/^\+?\d{5,15}$/.test(q) ? { phone: q } : { number: q }));
      setHistory(null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function toggleHistory() {
    if (history || !member) return setHistory(null);
    try {
      setHistory(await pos.points.history({ memberId: member.id }));
    } catch (e) {
      setError(e);
    }
  }

  const miles = milesOf(member);
  return (
    <Card withBorder radius="lg" p="sm">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>{t('miles.passenger')}</Title>
          {passName && (
            <Badge size="lg" variant="light" leftSection={<IconPlaneDeparture size={14} />} data-testid="miles-pass-name">
              {t('miles.passName', { name: passName })}
            </Badge>
          )}
        </Group>
        {member ? (
          <Group justify="space-between" align="flex-end" data-testid="miles-member">
            <div>
              <Text fw={700} size="lg">
                {member.name} · {member.number}
              </Text>
              <Text size="sm" c="dimmed">
                {t('miles.milesAvailable')}{' '}
                <Text span fw={800} size="xl" c="cyan.8" data-testid="miles-available">
                  {miles.available}
                </Text>
                {miles.held > 0 && ` · ${t('miles.held', { count: miles.held })}`}
              </Text>
            </div>
            <Group gap="xs">
              <Button variant="default" onClick={() => void toggleHistory()}>
                {history ? t('miles.hideHistory') : t('miles.history')}
              </Button>
              <Button
                variant="subtle"
                onClick={() => {
                  onMember(null);
                  setPassName(null);
                  setHistory(null);
                }}
              >
                {t('miles.change')}
              </Button>
            </Group>
          </Group>
        ) : (
          <form onSubmit={(e) => void find(e)}>
            <Group align="flex-end" gap="xs" wrap="nowrap">
              <TextInput size="md" style={{ flex: 1 }} label={t('miles.memberOrPhone')} description={t('miles.findHint')} value={text} onChange={(e) => setText(e.currentTarget.value)} data-testid="miles-find-input" />
              <Button size="md" type="submit" loading={busy}>
                {t('miles.find')}
              </Button>
            </Group>
          </form>
        )}
        {history && (
          <Table verticalSpacing={4} data-testid="miles-history">
            <Table.Tbody>
              {history.movements.slice(0, 6).map((m, i) => (
                <Table.Tr key={`${m.at}-${i}`}>
                  <Table.Td>{formatTime(m.at, i18n.language, info.settings.timeZone)}</Table.Td>
                  <Table.Td>{t(`miles.kinds.${m.kind}`)}</Table.Td>
                  <Table.Td>{m.memo}</Table.Td>
                  <Table.Td ta="right" c={m.amount < 0 ? 'red' : 'teal'}>
                    {m.amount > 0 ? `+${m.amount}` : m.amount}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {demoPass && !member && (
          <Group gap="xs" p={6} bg="yellow.0" style={{ borderRadius: 8 }} data-testid="miles-demo">
            <Text fw={700} size="sm">
              {t('miles.demoTitle')}
            </Text>
            <Button size="sm" variant="light" leftSection={<IconScan size={16} />} onClick={() => void pos.demo.scan({ code: demoPass }).catch(setError)}>
              {t('miles.demoScan')}
            </Button>
          </Group>
        )}
        <ErrorAlert error={error} />
      </Stack>
    </Card>
  );
}
