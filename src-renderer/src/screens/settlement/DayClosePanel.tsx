import { Alert, Button, Group, Select, Stack } from '@mantine/core';
import { IconDownload, IconPrinter } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { v7 as uuidv7 } from 'uuid';
import type { MethodOutput } from '../../../../src-main/api/contract';
import { usePos } from '../../app/pos-context';
import { subscribe } from '../../bridge/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ReportView } from './ReportView';

type Report = MethodOutput<'settlement.report'>;

/** Saves a file the terminal made (CSV, PDF) through the browser's download. */
function download(file: { fileName: string; mime: string; base64: string }) {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The manager's day close: today's X report (computed now, changes nothing), print it, close the
 * day with a Z report after a confirmation (printed through the receipt module), and any closed
 * day's Z again: on screen, on paper, as CSV or PDF.
 */
export function DayClosePanel() {
  const { t, i18n } = useTranslation();
  const { pos, bridge } = usePos();
  const [day, setDay] = useState<string | null>(null);
  const [data, setData] = useState<Report | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [commandId, setCommandId] = useState(() => uuidv7());
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => pos.settlement.report(day ? { day } : {}).then(setData, setError), [pos, day]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => subscribe(bridge, 'settlement.changed', () => void load()), [bridge, load]);
  const locale = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';

  async function closeDay() {
    if (!data) return;
    setBusy(true);
    try {
      const r = await pos.settlement.closeDay({ commandId, day: data.report.day });
      setConfirming(false);
      setCommandId(uuidv7());
      setError(null);
      setNotice(t('settlement.dayClosed', { day: r.day, number: r.print?.number ?? '-' }));
      setDay(r.day);
      await load();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const act = (fn: () => Promise<unknown>) => () => {
    setError(null);
    fn().catch(setError);
  };

  if (!data) return <ErrorAlert error={error} />;
  const { report } = data;
  const days = [...new Set([report.day, ...data.closedDays.map((d) => d.day)])];
  return (
    <Stack>
      <Group justify="space-between">
        <Select
          label={t('settlement.day')}
          data={days}
          value={report.day}
          onChange={(v) => setDay(v)}
          allowDeselect={false}
          size="md"
          w={180}
        />
        <Group>
          <Button size="lg" variant="default" leftSection={<IconPrinter size={18} />} onClick={act(async () => setNotice(t('settlement.printed', { number: (await pos.settlement.printReport({ day: report.day, locale })).number })))}>
            {report.kind === 'Z' ? t('settlement.print') : t('settlement.printX')}
          </Button>
          <Button size="lg" variant="default" leftSection={<IconDownload size={18} />} onClick={act(async () => download(await pos.settlement.export({ day: report.day, format: 'csv', locale })))}>
            {t('settlement.exportCsv')}
          </Button>
          <Button size="lg" variant="default" leftSection={<IconDownload size={18} />} onClick={act(async () => download(await pos.settlement.export({ day: report.day, format: 'pdf', locale })))}>
            {t('settlement.exportPdf')}
          </Button>
          {report.kind === 'X' && (
            <Button size="lg" color="violet" onClick={() => setConfirming(true)}>
              {t('settlement.closeDay')}
            </Button>
          )}
        </Group>
      </Group>
      {notice && (
        <Alert color="green" role="status" withCloseButton onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      <ErrorAlert error={confirming ? null : error} />
      <ReportView rows={data.rows} title={`${report.kind === 'Z' ? t('settlement.zTitle') : t('settlement.xTitle')} · ${report.day}`} />
      <ConfirmModal
        opened={confirming}
        lines={[t('settlement.confirmDay', { day: report.day })]}
        onConfirm={() => void closeDay()}
        onClose={() => setConfirming(false)}
        busy={busy}
        error={error}
        confirmLabel={t('settlement.closeDay')}
      />
    </Stack>
  );
}
