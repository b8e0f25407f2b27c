import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffInfo } from '../../../../src-main/api/contract';
import { usePos } from '../../app/pos-context';
import { PosApiError } from '../../bridge/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PinPad } from '../../components/PinPad';

export type Approval = { staffId: string; pin: string };
/** Refusals about the approver (wrong PIN, not a manager, locked out): the dialog stays open for another try. */
const APPROVER_ERRORS = new Set(['PIN_INCORRECT', 'LOCKER_APPROVAL_NOT_MANAGER', 'SIGN_IN_LOCKED', 'NOT_FOUND']);

/**
 * A manager approves on the cashier's screen: the action and amount are named, only managers
 * are offered, the PIN goes on an on-screen pad (or the keyboard). `onApprove` sends the action
 * with the approval and resolves to its refusal, if any: a refusal about the approver keeps the
 * dialog open with the reason; anything else closes it (the panel shows it). Main checks the
 * PIN and the role whatever this dialog offers.
 */
export function ApprovalModal({ opened, action, onApprove, onClose }: { opened: boolean; action: string; onApprove(a: Approval): Promise<unknown>; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('lockers.approvalTitle')} centered>
      {opened && <ApprovalForm action={action} onApprove={onApprove} onClose={onClose} />}
    </Modal>
  );
}

function ApprovalForm({ action, onApprove, onClose }: { action: string; onApprove(a: Approval): Promise<unknown>; onClose(): void }) {
  const { t } = useTranslation();
  const { pos, staff } = usePos();
  const [managers, setManagers] = useState<StaffInfo[]>([]);
  const [staffId, setStaffId] = useState<string | null>(staff?.role === 'manager' ? staff.id : null);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    pos.staff.list().then(
      (people) => {
        const only = people.filter((p) => p.role === 'manager');
        setManagers(only);
        setStaffId((id) => id ?? only[0]?.id ?? null);
      },
      () => setManagers([]),
    );
  }, [pos]);

  async function submit() {
    if (!staffId || pin.length < 4 || busy) return;
    setBusy(true);
    setError(null);
    const refusal = await onApprove({ staffId, pin });
    setBusy(false);
    if (refusal instanceof PosApiError && APPROVER_ERRORS.has(refusal.code)) {
      setError(refusal);
      setPin('');
    } else onClose();
  }

  return (
    <Stack>
      <Text size="lg" fw={700} data-testid="approval-action">
        {action}
      </Text>
      <Text size="sm">{t('lockers.approvalHint')}</Text>
      <Group gap="xs" role="radiogroup" aria-label={t('lockers.manager')}>
        {managers.map((m) => (
          <Button key={m.id} role="radio" aria-checked={staffId === m.id} variant={staffId === m.id ? 'filled' : 'default'} onClick={() => setStaffId(m.id)}>
            {m.name}
          </Button>
        ))}
      </Group>
      <ErrorAlert error={error} />
      <PinPad value={pin} onChange={setPin} onSubmit={() => void submit()} busy={busy} submitLabel={t('lockers.approve')} />
    </Stack>
  );
}
