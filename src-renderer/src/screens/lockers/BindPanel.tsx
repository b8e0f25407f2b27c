import { Badge, Button, Card, CloseButton, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { subscribe } from '../../bridge/client';
import { usePos } from '../../app/pos-context';
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
  const [bands, setBands] = useState<Band[]>([]);
  const [typed, setTyped] = useState('');
  const [phone, setPhone] = useState('');
  const [member, setMember] = useState('');
  const [bandQuota, setBandQuota] = useState(String(overview.settings.wristbandQuota / 100));
  const [partyQuota, setPartyQuota] = useState(String(overview.settings.partyQuota / 100));
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const lockerOf = (ref: string) => (/^\d+$/.test(ref) ? Number(ref) : (overview.demo?.lockers.find((l) => l.uid === ref.toUpperCase())?.locker ?? null));
  const addRef = (ref: string) => {
    const r = ref.trim();
    if (!r) return;
    setDone(null);
    setBands((b) => (b.some((x) => x.ref === r) ? b : [...b, { ref: r, locker: lockerOf(r) }]));
  };

  useCardTap(addRef);
  // A member code scanned on the scanner fills the member field.
  useEffect(() => subscribe(bridge, 'device.scan', (p) => setMember(p.code)), [bridge]);

  const wq = money.parse(bandQuota);
  const pq = money.parse(partyQuota);
  const ready = bands.length > 0 && (phone.trim() !== '' || member.trim() !== '') && wq !== null && pq !== null;

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
      setBands([]);
      setPhone('');
      setMember('');
      onChanged();
    } catch (e) {
      setError(e);
      command.failed(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack>
      <Card withBorder radius="lg">
        <Stack>
          <Text c="dimmed">{t('lockers.tapHint')}</Text>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              addRef(typed);
              setTyped('');
            }}
          >
            <Group align="flex-end">
              <TextInput label={t('lockers.locker')} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} size="lg" w={180} inputMode="numeric" />
              <Button type="submit" size="lg" variant="light">
                {t('lockers.add')}
              </Button>
            </Group>
          </form>
          <Title order={5}>{t('lockers.collected')}</Title>
          <Group data-testid="bind-collected">
            {bands.length === 0 && <Text c="dimmed">{t('lockers.noneCollected')}</Text>}
            {bands.map((b) => (
              <Badge key={b.ref} size="xl" variant="light" rightSection={<CloseButton size="sm" aria-label={t('lockers.remove', { n: b.locker ?? b.ref })} onClick={() => setBands((x) => x.filter((y) => y.ref !== b.ref))} />}>
                {b.locker ?? `…${b.ref.slice(-4)}`}
              </Badge>
            ))}
          </Group>
        </Stack>
      </Card>
      <Card withBorder radius="lg">
        <Stack>
          <Group grow>
            <TextInput label={t('lockers.phone')} value={phone} onChange={(e) => setPhone(e.currentTarget.value)} size="lg" inputMode="tel" />
            <TextInput label={t('lockers.member')} value={member} onChange={(e) => setMember(e.currentTarget.value)} size="lg" />
          </Group>
          <Group grow>
            <TextInput label={t('lockers.wristbandQuota')} value={bandQuota} onChange={(e) => setBandQuota(e.currentTarget.value)} size="lg" inputMode="decimal" error={wq === null ? t('lockers.badAmount') : null} />
            <TextInput label={t('lockers.partyQuota')} value={partyQuota} onChange={(e) => setPartyQuota(e.currentTarget.value)} size="lg" inputMode="decimal" error={pq === null ? t('lockers.badAmount') : null} />
          </Group>
          <ErrorAlert error={confirming ? null : error} />
          {done && (
            <Text c="teal" role="status" size="lg">
              {done}
            </Text>
          )}
          <Button size="xl" disabled={!ready} onClick={() => { setError(null); setConfirming(true); }}>
            {t('lockers.bind')}
          </Button>
        </Stack>
      </Card>
      <ConfirmModal
        opened={confirming}
        busy={busy}
        error={error}
        onClose={() => setConfirming(false)}
        onConfirm={() => void bind()}
        lines={[
          `${t('lockers.collected')}: ${bands.map((b) => b.locker ?? b.ref).join(', ')}`,
          `${phone.trim() ? t('lockers.phone') : t('lockers.member')}: ${phone.trim() || member.trim()}`,
          `${t('lockers.wristbandQuota')}: ${wq !== null ? money.format(wq) : '-'} · ${t('lockers.partyQuota')}: ${pq !== null ? money.format(pq) : '-'}`,
        ]}
      />
    </Stack>
  );
}
