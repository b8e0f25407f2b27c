import { Badge, Button, Group, Modal, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventPayload, MethodOutput } from '../../../src-main/api/contract';
import { subscribe } from '../bridge/client';
import { usePos } from '../app/pos-context';
import { formatTime } from '../format/time';
import { ErrorAlert } from './ErrorAlert';

type Status = EventPayload<'system.integrity'>;
type Verify = MethodOutput<'system.verifyLedger'>;

/**
 * The ledger check in the status bar. Read-only (a check failed): every signed-in person sees that
 * money is refused; a manager sees what was found (table, row) and opens the check to read the
 * details and run the full check. When all is well a manager still can open it and run the check.
 */
export function LedgerCheck() {
  const { t, i18n } = useTranslation();
  const { pos, bridge, staff, info } = usePos();
  const [status, setStatus] = useState<Status | null>(null);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Verify | null>(null);
  const [error, setError] = useState<unknown>(null);
  const isManager = staff?.role === 'manager';
  useEffect(() => subscribe(bridge, 'system.integrity', setStatus), [bridge]);
  useEffect(() => {
    if (staff) pos.system.integrity().then(setStatus, () => {});
  }, [pos, staff]);
  if (!staff || !status) return null;

  const where = status.finding ? [status.finding.table, status.finding.key].filter(Boolean).join(' ') || t(`ledger.checks.${status.finding.check}`) : '';
  const run = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const r = await pos.system.verifyLedger();
      setResult(r);
      setStatus(r.status);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const badge =
    status.state === 'read-only' ? (
      <Badge color="red" size="lg" tt="none" maw={360} role="alert" leftSection={<IconShieldX size={14} />} title={isManager ? t('ledger.alarm', { where }) : undefined} data-testid="status-ledger-alarm">
        {isManager ? t('ledger.alarm', { where }) : t('ledger.readOnly')}
      </Badge>
    ) : (
      <Group gap={6} wrap="nowrap" data-testid="status-ledger-ok">
        <IconShieldCheck size={16} />
        <Text size="xs">{t('common.lv', { label: t('ledger.label'), value: t('ledger.ok') })}</Text>
      </Group>
    );
  if (!isManager) return status.state === 'read-only' ? badge : null;
  const rows: [string, string | null][] = status.finding
    ? [
        [t('ledger.check'), t(`ledger.checks.${status.finding.check}`)],
        [t('ledger.table'), status.finding.table],
        [t('ledger.key'), status.finding.key],
        [t('ledger.column'), status.finding.column],
        [t('ledger.detail'), status.finding.detail],
      ]
    : [];
  return (
    <>
      <UnstyledButton onClick={() => setOpen(true)} mih={44} aria-label={t('ledger.title')} data-testid="status-ledger">
        {badge}
      </UnstyledButton>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('ledger.title')} centered size="xl">
        <Stack>
          <Text fw={600} c={status.state === 'read-only' ? 'red' : undefined} data-testid="ledger-state">
            {status.state === 'read-only'
              ? t('ledger.stateReadOnly')
              : t('ledger.stateOk', { check: t(`ledger.checks.${status.check}`), at: formatTime(status.checkedAt, i18n.language, info.settings.timeZone), ms: Math.round(status.checkMs) })}
          </Text>
          {rows.length > 0 && (
            <Table withTableBorder data-testid="ledger-finding">
              <Table.Tbody>
                {rows
                  .filter(([, v]) => v)
                  .map(([k, v]) => (
                    <Table.Tr key={k}>
                      <Table.Th w={120}>{k}</Table.Th>
                      <Table.Td style={{ wordBreak: 'break-all' }}>{v}</Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          )}
          <Text size="sm">{t('ledger.help')}</Text>
          {busy && <Text>{t('ledger.running')}</Text>}
          {result && (
            <Text c={result.ok ? 'green' : 'red'} data-testid="ledger-verify-result" style={{ wordBreak: 'break-all' }}>
              {t(result.ok ? 'ledger.passed' : 'ledger.failed', { summary: result.summary })}
            </Text>
          )}
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" size="lg" onClick={() => setOpen(false)}>
              {t('common.back')}
            </Button>
            <Button size="lg" loading={busy} onClick={() => void run()} data-testid="ledger-run">
              {t('ledger.run')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
