import { Button, Card, Group, NumberInput, SimpleGrid, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../src-main/api/contract';
import { usePos } from '../../app/pos-context';
import { subscribe } from '../../bridge/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCardTap, useMoney } from '../lockers/shared';
import { CsvPanel } from './CsvPanel';

type View = MethodOutput<'lockers.setupView'>;
type Locker = View['lockers'][number];

const COLOR = (l: Locker) => (l.uid === null ? 'gray' : l.state === 'out_of_service' ? 'red' : l.state === 'occupied' ? 'blue' : 'teal');
const tail = (uid: string) => uid.slice(-4);
/** Minor units as the yuan a manager types back ("100000" → "1000.00"), with integer arithmetic only. */
export const yuanText = (minor: number) => `${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

/**
 * Lockers from the manager's side: add a range, pick a locker (the next one without a wristband is
 * picked for you) and tap its wristband on the reader, or type the UID. Replace a wristband, take a
 * locker out of service, set the quotas, import or export the list.
 */
export function LockersStep({ onChanged }: { onChanged(): void }) {
  const { t } = useTranslation();
  const { pos, bridge } = usePos();
  const money = useMoney();
  const [view, setView] = useState<View | null>(null);
  const [range, setRange] = useState<{ from: number | string; to: number | string }>({ from: '', to: '' });
  const [selected, setSelected] = useState<number | null>(null);
  const [replacing, setReplacing] = useState(false);
  const [uid, setUid] = useState('');
  const [quotas, setQuotas] = useState({ wristbandQuota: '', partyQuota: '', maxCharge: '' });
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const load = useCallback(
    () =>
      pos.lockers.setupView().then((v) => {
        setView(v);
        return v;
      }),
    [pos],
  );
  const init = useCallback(
    () =>
      load().then((v) => {
        setQuotas({ wristbandQuota: yuanText(v.settings.wristbandQuota), partyQuota: yuanText(v.settings.partyQuota), maxCharge: yuanText(v.settings.maxCharge) });
        setSelected(v.lockers.find((l) => l.uid === null)?.number ?? null);
      }, setError),
    [load],
  );
  useEffect(() => {
    void init();
  }, [init]);
  useEffect(() => subscribe(bridge, 'lockers.changed', () => void load().catch(() => {})), [bridge, load]);

  const current = view?.lockers.find((l) => l.number === selected) ?? null;
  const waiting = current !== null && (current.uid === null || replacing);

  async function act(fn: () => Promise<unknown>, message?: string) {
    setError(null);
    setDone(null);
    try {
      await fn();
      if (message) setDone(message);
      onChanged();
      return true;
    } catch (e) {
      setError(e);
      return false;
    }
  }

  async function register(locker: number, raw: string) {
    const ok = await act(() => pos.lockers.registerLocker({ locker, uid: raw.trim() }), t('storeSetup.lockers.registered', { locker, tail: tail(raw.trim().toUpperCase()) }));
    if (!ok) return;
    setUid('');
    setReplacing(false);
    // On to the next locker still without a wristband, so a stack of wristbands is tapped in one go.
    const v = await load();
    const next = v.lockers.find((l) => l.uid === null && l.number > locker) ?? v.lockers.find((l) => l.uid === null);
    setSelected(next?.number ?? locker);
  }

  useCardTap((tapped) => {
    if (current && waiting) void register(current.number, tapped);
  });

  async function addRange() {
    const from = Number(range.from);
    const to = Number(range.to || range.from);
    setError(null);
    try {
      const r = await pos.lockers.addRange({ from, to });
      setDone(t('storeSetup.lockers.added', r));
      const v = await load();
      setSelected(v.lockers.find((l) => l.uid === null)?.number ?? null);
      onChanged();
    } catch (e) {
      setError(e);
    }
  }

  function saveQuotas() {
    const parsed = Object.fromEntries(Object.entries(quotas).map(([k, v]) => [k, money.parse(v)])) as Record<keyof typeof quotas, number | null>;
    if (Object.values(parsed).some((v) => v === null)) {
      setError(new Error(t('storeSetup.lockers.badAmount')));
      return;
    }
    void act(() => pos.lockers.updateSettings(parsed as Record<keyof typeof quotas, number>), t('storeSetup.saved'));
  }

  return (
    <Stack>
      <ErrorAlert error={error} />
      {done && (
        <Text c="teal" role="status" data-testid="lockers-setup-done">
          {done}
        </Text>
      )}
      <Card withBorder radius="lg">
        <Group align="flex-end">
          <Title order={5} w="100%">
            {t('storeSetup.lockers.range')}
          </Title>
          <NumberInput size="md" label={t('storeSetup.lockers.from')} allowDecimal={false} min={1} max={999999} value={range.from} onChange={(v) => setRange({ ...range, from: v })} />
          <NumberInput size="md" label={t('storeSetup.lockers.to')} allowDecimal={false} min={1} max={999999} value={range.to} onChange={(v) => setRange({ ...range, to: v })} />
          <Button size="md" onClick={() => void addRange()} disabled={range.from === ''}>
            {t('storeSetup.lockers.add')}
          </Button>
        </Group>
      </Card>
      <Card withBorder radius="lg">
        <Stack gap="xs">
          <Title order={5}>{t('storeSetup.lockers.grid')}</Title>
          <Text size="xs" c="dimmed">
            {t('storeSetup.lockers.legend')}
          </Text>
          {view && view.lockers.length === 0 && <Text>{t('storeSetup.lockers.noLockers')}</Text>}
          {view && view.lockers.length > 0 && (
            <Group>
              <Button size="md" variant="default" onClick={() => void act(() => pos.lockers.printList().then((r) => setDone(t('storeSetup.lockers.printed', { count: r.printed }))))}>
                {t('storeSetup.lockers.printList')}
              </Button>
            </Group>
          )}
          <SimpleGrid cols={{ base: 6, sm: 10 }} spacing={6} data-testid="setup-locker-grid">
            {view?.lockers.map((l) => (
              <UnstyledButton
                key={l.number}
                data-testid={`setup-locker-${l.number}`}
                data-registered={l.uid !== null}
                data-state={l.state}
                aria-pressed={l.number === selected}
                aria-label={`${t('storeSetup.lockers.selected', { locker: l.number })}: ${t(`storeSetup.lockers.state.${l.uid === null ? 'none' : l.state}`)}`}
                onClick={() => {
                  setSelected(l.number);
                  setReplacing(false);
                }}
                style={{
                  minHeight: 44,
                  borderRadius: 8,
                  textAlign: 'center',
                  fontWeight: 700,
                  background: `var(--mantine-color-${COLOR(l)}-${l.number === selected ? 7 : 1})`,
                  color: l.number === selected ? 'white' : 'var(--mantine-color-dark-7)',
                  outline: l.number === selected ? '3px solid var(--mantine-color-yellow-5)' : undefined,
                }}
              >
                {l.number}
              </UnstyledButton>
            ))}
          </SimpleGrid>
        </Stack>
      </Card>
      {current && (
        <Card withBorder radius="lg" data-testid="setup-locker-selected" data-locker={current.number}>
          <Stack gap="xs">
            <Title order={4}>{t('storeSetup.lockers.selected', { locker: current.number })}</Title>
            {waiting ? (
              <Text size="lg" fw={600} c="blue" data-testid="setup-tap-now">
                {t(replacing ? 'storeSetup.lockers.tapReplace' : 'storeSetup.lockers.tapNow', { locker: current.number })}
              </Text>
            ) : (
              current.uid && <Text>{t('storeSetup.lockers.hasBand', { tail: tail(current.uid) })}</Text>
            )}
            {waiting && (
              <Group align="flex-end">
                <TextInput size="md" label={t('storeSetup.lockers.uid')} description={t('storeSetup.lockers.uidHint')} value={uid} onChange={(e) => setUid(e.currentTarget.value)} onKeyDown={(e) => e.key === 'Enter' && uid.trim() && void register(current.number, uid)} />
                <Button size="md" disabled={!uid.trim()} onClick={() => void register(current.number, uid)}>
                  {t('storeSetup.lockers.register')}
                </Button>
              </Group>
            )}
            <Group>
              {current.uid && !replacing && current.state !== 'occupied' && (
                <Button size="md" variant="light" onClick={() => setReplacing(true)}>
                  {t('storeSetup.lockers.replace')}
                </Button>
              )}
              {current.state !== 'occupied' && (
                <Button
                  size="md"
                  variant="light"
                  color={current.state === 'out_of_service' ? 'teal' : 'red'}
                  onClick={() => void act(() => pos.lockers.setLockerState({ locker: current.number, state: current.state === 'out_of_service' ? 'free' : 'out_of_service' }).then(load))}
                >
                  {t(current.state === 'out_of_service' ? 'storeSetup.lockers.backInService' : 'storeSetup.lockers.outOfService')}
                </Button>
              )}
            </Group>
          </Stack>
        </Card>
      )}
      <Card withBorder radius="lg">
        <Group align="flex-end">
          <Title order={5} w="100%">
            {t('storeSetup.lockers.quotas')}
          </Title>
          {(['wristbandQuota', 'partyQuota', 'maxCharge'] as const).map((k) => (
            <TextInput key={k} size="md" inputMode="decimal" label={t(`storeSetup.lockers.${k}`)} value={quotas[k]} onChange={(e) => setQuotas({ ...quotas, [k]: e.currentTarget.value })} />
          ))}
          <Button size="md" onClick={saveQuotas}>
            {t('storeSetup.lockers.saveQuotas')}
          </Button>
        </Group>
      </Card>
      <CsvPanel kind="lockers" onImported={() => void load().then(onChanged)} />
    </Stack>
  );
}
