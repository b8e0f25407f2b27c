import { Button, Card, Grid, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { subscribe } from '../../bridge/client';
import { usePos } from '../../app/pos-context';
import { useDraft } from '../../app/drafts';
import { ActionBar } from '../../components/ActionBar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ConfirmModal, useCommandId, useMoney, type Overview, useCardTap } from './shared';

interface Band {
  ref: string;
  locker: number | null;
}

/** Collect a party's wristbands (taps or typed locker numbers), name the customer, set quotas, bind. */
export function BindPanel({ overview, onChanged }: { overview: Overview; onChanged(): void }) {
  const { t } = useTranslation();
  const { pos, bridge } = usePos();
  const money = useMoney();
  const command = useCommandId();
  const initial = { bands: [] as Band[], phone: '', member: '', bandQuota: String(overview.settings.wristbandQuota / 100), partyQuota: String(overview.settings.partyQuota / 100) };
  const [draft, setDraft, clearDraft] = useDraft('bind', initial);
  const { bands, phone, member, bandQuota, partyQuota } = draft;
  const [typed, setTyped] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const lockerOf = (ref: string) => (/^\d+$/.test(ref) ? Number(ref) : (overview.demo?.lockers.find((l) => l.uid === ref.toUpperCase())?.locker ?? null));
  const addRef = (ref: string) => {
    const r = ref.trim();
    if (!r) return;
    setDone(null);
    setDraft((d) => ({ bands: d.bands.some((x) => x.ref === r) ? d.bands : [...d.bands, { ref: r, locker: lockerOf(r) }] }));
  };

  useCardTap(addRef);
  // A member code scanned on the scanner fills the member field.
  useEffect(() => subscribe(bridge, 'device.scan', (p) => setDraft({ member: p.code })), [bridge, setDraft]);

  const wq = money.parse(bandQuota);
  const pq = money.parse(partyQuota);
  const ready = bands.length > 0 && (phone.trim() !== '' || member.trim() !== '') && wq !== null && pq !== null;
  const ask = () => {
    if (!ready) return;
    setError(null);
    setConfirming(true);
  };
  // Enter in a field moves on: to the confirmation once everything needed is there.
  const enterAsks = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter') ask();
  };

  async function bind() {
    setBusy(true);
    setError(null);
    try {
      const r = await pos.lockers.bind({
        commandId: command.get(),
        wristbands: bands.map((b) => b.ref),
        ...(phone.trim() ? { phone: phone.trim() } : { memberCode: member.trim() }),
        wristbandQuota: wq ?? undefined,
        partyQuota: pq ?? undefined,
      });
      command.done();
      setConfirming(false);
      setDone(t('lockers.bound', { lockers: r.lockers.join(', '), customer: phone.trim() || member.trim() }));
      clearDraft();
      onChanged();
    } catch (e) {
      setError(e);
      command.failed(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="sm">
      <Grid gutter="sm">
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Card withBorder radius="lg" p="sm" h="100%">
            <Stack gap="xs">
              <Text c="dimmed">{t('lockers.tapHint')}</Text>
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  addRef(typed);
                  setTyped('');
                }}
              >
                <Group align="flex-end" gap="xs">
                  <TextInput label={t('lockers.locker')} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} size="md" w={140} inputMode="numeric" />
                  <Button type="submit" size="md" variant="light">
                    {t('lockers.add')}
                  </Button>
                </Group>
              </form>
              <Text fw={700}>{t('lockers.collected')}</Text>
              <Group gap="xs" data-testid="bind-collected">
                {bands.length === 0 && <Text c="dimmed">{t('lockers.noneCollected')}</Text>}
                {bands.map((b) => (
                  <Button
                    key={b.ref}
                    size="md"
                    variant="light"
                    rightSection={<IconX size={16} />}
                    aria-label={t('lockers.remove', { n: b.locker ?? b.ref })}
                    onClick={() => setDraft((d) => ({ bands: d.bands.filter((y) => y.ref !== b.ref) }))}
                  >
                    {b.locker ?? `…${b.ref.slice(-4)}`}
                  </Button>
                ))}
              </Group>
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Card withBorder radius="lg" p="sm">
            <Stack gap="xs">
              <Group grow>
                <TextInput label={t('lockers.phone')} value={phone} onChange={(e) => setDraft({ phone: e.currentTarget.value })} onKeyDown={enterAsks} size="md" inputMode="tel" />
                <TextInput label={t('lockers.member')} value={member} onChange={(e) => setDraft({ member: e.currentTarget.value })} onKeyDown={enterAsks} size="md" />
              </Group>
              <Group grow>
                <TextInput label={t('lockers.wristbandQuota')} value={bandQuota} onChange={(e) => setDraft({ bandQuota: e.currentTarget.value })} onKeyDown={enterAsks} size="md" inputMode="decimal" error={wq === null ? t('lockers.badAmount') : null} />
                <TextInput label={t('lockers.partyQuota')} value={partyQuota} onChange={(e) => setDraft({ partyQuota: e.currentTarget.value })} onKeyDown={enterAsks} size="md" inputMode="decimal" error={pq === null ? t('lockers.badAmount') : null} />
              </Group>
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>
      <ActionBar
        testId="bind-action-bar"
        notice={
          <>
            <ErrorAlert error={confirming ? null : error} />
            {done && (
              <Text c="teal" role="status" size="lg">
                {done}
              </Text>
            )}
          </>
        }
      >
        <Group gap="lg" wrap="nowrap">
          <Text size="lg" fw={700} data-testid="bind-summary">
            {t('lockers.bindSummary', { count: bands.length, customer: phone.trim() || member.trim() || '—' })}
          </Text>
          {(bands.length > 0 || phone || member) && (
            <Button variant="default" onClick={() => { clearDraft(); setDone(null); }}>
              {t('lockers.discard')}
            </Button>
          )}
        </Group>
        <Button size="xl" disabled={!ready} onClick={ask}>
          {t('lockers.bind')}
        </Button>
      </ActionBar>
      <ConfirmModal
        opened={confirming}
        busy={busy}
        error={error}
        onClose={() => setConfirming(false)}
        onConfirm={() => void bind()}
        lines={[
          t('common.lv', { label: t('lockers.collected'), value: bands.map((b) => b.locker ?? b.ref).join(', ') }),
          t('common.lv', { label: phone.trim() ? t('lockers.phone') : t('lockers.member'), value: phone.trim() || member.trim() }),
          `${t('common.lv', { label: t('lockers.wristbandQuota'), value: wq !== null ? money.format(wq) : '-' })} · ${t('common.lv', { label: t('lockers.partyQuota'), value: pq !== null ? money.format(pq) : '-' })}`,
        ]}
      />
    </Stack>
  );
}
