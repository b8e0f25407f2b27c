import { Badge, Button, Card, Checkbox, Group, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePos } from '../../app/pos-context';
import { PosApiError } from '../../bridge/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PartyTools } from './PartyTools';
import { ApprovalModal, ConfirmModal, useCommandId, useMoney, type PartyLookup, useCardTap } from './shared';

const METHODS = ['cash', 'bank_card', 'mobile', 'stored_value'] as const;
type Method = (typeof METHODS)[number];
type Approval = { staffId: string; pin: string };

/** Tap any wristband of a party: every wristband with its charges, the total, then a (split) payment. */
export function CheckoutPanel({ onChanged }: { onChanged(): void }) {
  const { t } = useTranslation();
  const { pos } = usePos();
  const money = useMoney();
  const command = useCommandId();
  const voidCmd = useCommandId();
  const [ref, setRef] = useState('');
  const [found, setFound] = useState<PartyLookup | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const [paid, setPaid] = useState<Record<Method, string>>({ cash: '', bank_card: '', mobile: '', stored_value: '' });
  const [confirming, setConfirming] = useState(false);
  const [approving, setApproving] = useState<null | { kind: 'partial' } | { kind: 'void'; chargeId: string }>(null);
  const [approval, setApproval] = useState<Approval | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [replacing, setReplacing] = useState(false);

  const load = useCallback(
    async (r: string) => {
      setError(null);
      try {
        const p = await pos.lockers.lookup({ wristband: r.trim() });
        setFound(p);
        setSelected(p.party.wristbands.filter((w) => w.status === 'active').map((w) => w.locker));
      } catch (e) {
        setFound(null);
        setError(e);
      }
    },
    [pos],
  );

  // A tap finds the party; while a party is shown and a lost wristband is being replaced, the tap fills the replacement instead.
  useCardTap((uid) => {
    if (replacing) return;
    setRef(uid);
    setDone(null);
    void load(uid);
  });

  const party = found?.party;
  const active = party?.wristbands.filter((w) => w.status === 'active') ?? [];
  const due = active.filter((w) => selected.includes(w.locker)).reduce((s, w) => s + w.subtotal, 0);
  const amounts = METHODS.map((m) => [m, paid[m].trim() === '' ? 0 : money.parse(paid[m])] as const);
  const bad = amounts.some(([, a]) => a === null);
  const received = amounts.reduce((s, [, a]) => s + (a ?? 0), 0);
  const nonCash = amounts.filter(([m]) => m !== 'cash').reduce((s, [, a]) => s + (a ?? 0), 0);
  const change = received > due && nonCash <= due ? received - due : 0;

  async function settle(withApproval: Approval | null) {
    if (!party) return;
    setBusy(true);
    setError(null);
    try {
      const r = await pos.lockers.checkout({
        commandId: command.get(),
        wristband: ref.trim(),
        ...(selected.length < active.length ? { lockers: selected } : {}),
        tenders: amounts.filter(([, a]) => (a ?? 0) > 0).map(([method, a]) => ({ method, amount: a! })),
        ...(withApproval ? { approval: withApproval } : {}),
      });
      command.done();
      setConfirming(false);
      setApproval(null);
      const printed = r.print?.state === 'printed' ? t('lockers.printed') : t('lockers.printFailed');
      setDone(`${t('lockers.checkedOut', { lockers: r.lockers.join(', '), total: money.format(r.total), change: money.format(r.change) })} ${printed}`);
      setFound(null);
      setRef('');
      setPaid({ cash: '', bank_card: '', mobile: '', stored_value: '' });
      onChanged();
    } catch (e) {
      setError(e);
      setConfirming(false);
      command.failed(e);
    } finally {
      setBusy(false);
    }
  }

  async function voidCharge(chargeId: string, a: Approval) {
    setError(null);
    try {
      await pos.lockers.voidCharge({ commandId: voidCmd.get(), chargeId, approval: a });
      voidCmd.done();
      await load(ref);
      onChanged();
    } catch (e) {
      setError(e);
      voidCmd.failed(e);
    }
  }

  const partialRefused = error instanceof PosApiError && error.code === 'LOCKER_PARTIAL_SETTLEMENT';

  return (
    <Stack>
      <Card withBorder radius="lg">
        <form onSubmit={(e) => { e.preventDefault(); setDone(null); void load(ref); }}>
          <Group align="flex-end">
            <TextInput label={t('lockers.wristband')} description={t('lockers.tapHint')} value={ref} onChange={(e) => setRef(e.currentTarget.value)} size="lg" w={260} />
            <Button type="submit" size="lg" variant="light" disabled={!ref.trim()}>
              {t('lockers.find')}
            </Button>
          </Group>
        </form>
      </Card>
      {done && (
        <Text c="teal" role="status" size="lg">
          {done}
        </Text>
      )}
      {!party && <ErrorAlert error={error} />}
      {party && (
        <Card withBorder radius="lg" data-testid="checkout-party">
          <Stack>
            <Group justify="space-between">
              <Title order={4}>{t('lockers.party', { customer: party.customer })}</Title>
              <Text>{t('lockers.partyLeft', { left: money.format(party.partyLeft) })}</Text>
            </Group>
            <Table verticalSpacing="xs">
              <Table.Tbody>
                {party.wristbands.map((w) => (
                  <WristbandRows key={w.wristbandId} w={w} checked={selected.includes(w.locker)} toggle={(on) => setSelected((s) => (on ? [...s, w.locker] : s.filter((n) => n !== w.locker)))} onVoid={(chargeId) => setApproving({ kind: 'void', chargeId })} />
                ))}
              </Table.Tbody>
            </Table>
            <Group justify="space-between">
              <Text size="xl" fw={700}>{t('lockers.total')}</Text>
              <Text size="xl" fw={700} data-testid="checkout-total">{money.format(due)}</Text>
            </Group>
            <SimpleGrid cols={{ base: 2, md: 4 }}>
              {METHODS.map((m) => (
                <TextInput key={m} label={t(`lockers.tenders.${m}`)} value={paid[m]} onChange={(e) => { const v = e.currentTarget.value; setPaid((p) => ({ ...p, [m]: v })); }} size="lg" inputMode="decimal" error={paid[m].trim() !== '' && money.parse(paid[m]) === null ? t('lockers.badAmount') : null} />
              ))}
            </SimpleGrid>
            <Group>
              <Text size="lg">{`${t('lockers.due')}: ${money.format(Math.max(0, due - received))}`}</Text>
              <Text size="lg" fw={700} data-testid="checkout-change">{`${t('lockers.change')}: ${money.format(change)}`}</Text>
            </Group>
            <ErrorAlert error={error} />
            {partialRefused && (
              <Button color="grape" variant="light" onClick={() => setApproving({ kind: 'partial' })}>
                {t('lockers.askManager')}
              </Button>
            )}
            <Button size="xl" disabled={bad || received < due || selected.length === 0} onClick={() => { setError(null); setConfirming(true); }}>
              {`${t('lockers.checkout')} ${money.format(due)}`}
            </Button>
          </Stack>
        </Card>
      )}
      {party && party.status === 'open' && <PartyTools partyRef={ref.trim()} onReplacing={setReplacing} onChanged={() => void load(ref)} />}
      <ConfirmModal
        opened={confirming}
        busy={busy}
        error={null}
        onClose={() => setConfirming(false)}
        onConfirm={() => void settle(approval)}
        lines={[
          `${t('lockers.collected')}: ${selected.join(', ')}`,
          `${t('lockers.total')}: ${money.format(due)}`,
          ...amounts.filter(([, a]) => (a ?? 0) > 0).map(([m, a]) => `${t(`lockers.tenders.${m}`)}: ${money.format(a!)}`),
          `${t('lockers.change')}: ${money.format(change)}`,
        ]}
      />
      <ApprovalModal
        opened={approving !== null}
        onClose={() => setApproving(null)}
        onApprove={(a) => {
          const what = approving;
          setApproving(null);
          if (what?.kind === 'void') void voidCharge(what.chargeId, a);
          else {
            setApproval(a);
            void settle(a);
          }
        }}
      />
    </Stack>
  );
}

function WristbandRows({ w, checked, toggle, onVoid }: { w: PartyLookup['party']['wristbands'][number]; checked: boolean; toggle(on: boolean): void; onVoid(chargeId: string): void }) {
  const { t } = useTranslation();
  const money = useMoney();
  const shown = w.charges.filter((c) => c.status !== 'settled');
  return (
    <>
      <Table.Tr bg="gray.1">
        <Table.Td colSpan={2}>
          {w.status === 'active' ? (
            <Checkbox size="md" checked={checked} onChange={(e) => toggle(e.currentTarget.checked)} label={<Text fw={700}>{`${t('lockers.wristband')} ${w.locker}`}</Text>} />
          ) : (
            <Group gap="xs">
              <Text fw={700} td="line-through">{`${t('lockers.wristband')} ${w.locker}`}</Text>
              <Badge color={w.status === 'lost' ? 'orange' : 'gray'}>{t(`lockers.${w.status === 'lost' ? 'lost' : 'settled'}`)}</Badge>
            </Group>
          )}
        </Table.Td>
        <Table.Td>{w.status === 'active' ? t('lockers.left', { left: money.format(w.left) }) : ''}</Table.Td>
        <Table.Td fw={700}>{w.status === 'active' ? money.format(w.subtotal) : ''}</Table.Td>
      </Table.Tr>
      {w.status === 'active' && shown.length === 0 && (
        <Table.Tr>
          <Table.Td colSpan={4} c="dimmed">{t('lockers.noCharges')}</Table.Td>
        </Table.Tr>
      )}
      {shown.map((c) => (
        <Table.Tr key={c.id}>
          <Table.Td td={c.status === 'voided' ? 'line-through' : undefined}>{c.description}</Table.Td>
          <Table.Td>{new Date(c.at).toLocaleTimeString()}</Table.Td>
          <Table.Td>{money.format(c.amount)}</Table.Td>
          <Table.Td>
            {c.status === 'open' ? (
              <Button size="xs" variant="subtle" color="red" onClick={() => onVoid(c.id)}>
                {t('lockers.void')}
              </Button>
            ) : (
              t('lockers.voided')
            )}
          </Table.Td>
        </Table.Tr>
      ))}
    </>
  );
}
