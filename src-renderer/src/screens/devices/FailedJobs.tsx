import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../src-main/api/contract';
import { subscribe } from '../../bridge/client';
import { usePos } from '../../app/pos-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format/time';

type Job = MethodOutput<'devices.status'>['failedJobs'][number];

/** Receipts the printer did not take are kept; any cashier can print them again. */
export function FailedJobs() {
  const { t, i18n } = useTranslation();
  const { pos, bridge, info } = usePos();
  const [jobs, setJobs] = useState<Job[]>([]);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => pos.devices.status().then((s) => setJobs(s.failedJobs), setError), [pos]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => subscribe(bridge, 'device.printJob', () => void load()), [bridge, load]);

  return (
    <Card withBorder radius="lg">
      <Stack gap="sm">
        <Title order={4}>{t('devices.failedJobs')}</Title>
        {jobs.length === 0 && <Text c="dimmed">{t('devices.noFailedJobs')}</Text>}
        {jobs.map((job) => (
          <Group key={job.id} justify="space-between">
            <Text size="sm">
              {formatDateTime(job.createdAt, i18n.language, info.settings.timeZone)} · {job.number ?? job.transactionId}
            </Text>
            <Button size="xs" variant="light" onClick={() => pos.devices.reprint({ jobId: job.id }).then(load, setError)}>
              {t('devices.reprint')}
            </Button>
          </Group>
        ))}
        <ErrorAlert error={error} />
      </Stack>
    </Card>
  );
}
