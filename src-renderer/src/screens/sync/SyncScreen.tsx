import { Alert, Badge, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../src-main/api/contract';
import { subscribe } from '../../bridge/client';
import { usePos } from '../../app/pos-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ScreenHeader } from '../../components/ScreenHeader';

type SyncStatus = MethodOutput<'sync.status'>;

const PHASE_COLOR: Record<SyncStatus['phase'], string> = { 'not-enrolled': 'gray', online: 'teal', offline: 'orange', error: 'red' };

/** Sync details for staff; a manager connects the terminal with the server address and a pairing code. */
export function SyncScreen({ back }: { back(): void }) {
  const { t, i18n } = useTranslation();
  const { pos, bridge, staff } = usePos();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [serverUrl, setServerUrl] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const isManager = staff?.role === 'manager';

  const load = useCallback(
    () =>
      pos.sync.status().then((s) => {
        setStatus(s);
        setServerUrl((typed) => typed || (s.serverUrl ?? ''));
      }, setError),
    [pos],
  );
  useEffect(() => {
    void load();
    // The event carries the status bar's slice; the details are fetched again on each change.
    return subscribe(bridge, 'sync.status', () => void load());
  }, [bridge, load]);

  const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString(i18n.language) : t('sync.never'));

  async function enroll(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    setDone(null);
    setBusy(true);
    try {
      const s = await pos.sync.enroll({ serverUrl, code });
      setStatus(s);
      setCode('');
      setDone(t('sync.enrolled', { store: s.storeName ?? '' }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function demoServer(action: 'stop' | 'start') {
    setError(null);
    setBusy(true);
    try {
      setStatus(await pos.sync.demoServer({ action }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function pushNow() {
    setError(null);
    try {
      setStatus(await pos.sync.pushNow());
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Stack p="xl">
      <ScreenHeader title={t('sync.title')} back={back} />
      <Group align="flex-start" grow>
        <Card withBorder radius="lg" data-testid="sync-details">
          <Stack>
            <Group justify="space-between">
              <Badge size="lg" color={status ? PHASE_COLOR[status.phase] : 'gray'} data-testid="sync-phase">
                {status ? t(`sync.phase.${status.phase}`) : '…'}
              </Badge>
              {status?.enrolled && (
                <Button size="md" mih={44} variant="light" onClick={() => void pushNow()}>
                  {t('sync.pushNow')}
                </Button>
              )}
            </Group>
            {status && (
              <Table verticalSpacing="sm">
                <Table.Tbody>
                  <Row label={t('sync.server')} value={status.serverUrl ?? '—'} />
                  <Row label={t('sync.store')} value={status.storeName ?? '—'} />
                  <Row label={t('sync.backlog')} value={t('sync.entries', { count: status.backlog })} testId="sync-backlog" />
                  <Row label={t('sync.acked')} value={t('sync.upTo', { seq: status.ackedSeq, local: status.localSeq })} />
                  <Row label={t('sync.lastSync')} value={time(status.lastSyncAt)} />
                  {status.nextAttemptAt && <Row label={t('sync.nextAttempt')} value={time(status.nextAttemptAt)} />}
                  {status.lastError && <Row label={t('sync.lastError')} value={status.lastError} testId="sync-last-error" />}
                  {status.update && <Row label={t('sync.update')} value={t(`sync.updateState.${status.update.state}`, { version: status.update.version ?? '' })} testId="sync-update" />}
                </Table.Tbody>
              </Table>
            )}
            <Text size="sm" c="dimmed">
              {t('sync.offlineNote')}
            </Text>
            {status?.enrolled && status.reference && <ReferencePanel reference={status.reference} time={time} />}
            {status?.demoServer && (
              <Group justify="space-between" data-testid="demo-server">
                <Text>
                  {t('sync.demoServer')}: {status.demoServer.running ? t('sync.demoRunning') : t('sync.demoStopped')} · {t('sync.backOffice')} {status.demoServer.backOfficeUrl}
                </Text>
                {isManager && (
                  <Button size="md" mih={44} variant="default" loading={busy} onClick={() => void demoServer(status.demoServer!.running ? 'stop' : 'start')}>
                    {status.demoServer.running ? t('sync.demoStop') : t('sync.demoStart')}
                  </Button>
                )}
              </Group>
            )}
          </Stack>
        </Card>
        <Card withBorder radius="lg" maw={460}>
          {isManager ? (
            <form onSubmit={(e) => void enroll(e)}>
              <Stack>
                <Title order={4}>{status?.enrolled ? t('sync.reenrollTitle') : t('sync.enrollTitle')}</Title>
                <Text size="sm" c="dimmed">
                  {t('sync.enrollHelp')}
                </Text>
                <TextInput
                  size="md"
                  label={t('sync.serverUrl')}
                  placeholder={t('sync.serverUrlHint')}
                  value={serverUrl}
                  onChange={(e) => setServerUrl(e.currentTarget.value)}
                  required
                />
                <TextInput
                  size="md"
                  label={t('sync.code')}
                  placeholder="XXXX-XXXX-XXXX"
                  autoComplete="off"
                  value={code}
                  onChange={(e) => setCode(e.currentTarget.value.toUpperCase())}
                  required
                />
                <ErrorAlert error={error} />
                {done && (
                  <Alert color="teal" role="status">
                    {done}
                  </Alert>
                )}
                <Button type="submit" size="md" mih={44} loading={busy}>
                  {t('sync.enroll')}
                </Button>
              </Stack>
            </form>
          ) : (
            <Stack>
              <Text>{t('sync.managerOnly')}</Text>
              <ErrorAlert error={error} />
            </Stack>
          )}
        </Card>
      </Group>
    </Stack>
  );
}

/** What head office sent: each stream's version, the live channel, and a refused batch (nothing of it applied). */
function ReferencePanel({ reference, time }: { reference: NonNullable<SyncStatus['reference']>; time(iso: string | null): string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <Stack gap="xs" data-testid="sync-reference">
      <Title order={5}>{t('sync.referenceTitle')}</Title>
      {reference.error && (
        <Alert color="red" title={t('sync.referenceRefused')} data-testid="sync-reference-error">
          {reference.error.message[lang]}
        </Alert>
      )}
      <Table verticalSpacing="xs">
        <Table.Tbody>
          {reference.streams.map((s) => (
            <Row
              key={s.stream}
              label={t(`sync.streams.${s.stream}`, { defaultValue: s.stream })}
              value={s.cursor ? `${t('sync.streamVersion', { cursor: s.cursor })} · ${time(s.appliedAt)}` : t('sync.notYet')}
            />
          ))}
          <Row label={t('sync.pushChannel')} value={reference.pushConnected ? t('sync.pushOn') : t('sync.pushOff')} testId="sync-push" />
          <Row label={t('sync.lastPull')} value={time(reference.lastPullAt)} />
        </Table.Tbody>
      </Table>
      <Text size="sm" c="dimmed">
        {t('sync.centralNote')}
      </Text>
    </Stack>
  );
}

function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Table.Tr>
      <Table.Td c="dimmed" w="40%">
        {label}
      </Table.Td>
      <Table.Td data-testid={testId}>{value}</Table.Td>
    </Table.Tr>
  );
}
