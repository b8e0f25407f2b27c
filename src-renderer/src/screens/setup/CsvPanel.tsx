import { Alert, Button, Card, FileButton, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale, MethodOutput } from '../../../../src-main/api/contract';
import { usePos } from '../../app/pos-context';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCommandId } from '../lockers/shared';

type Kind = 'catalog' | 'lockers' | 'stations';
type Preview = MethodOutput<'setup.importPreview'>;

const COLUMNS: Record<Kind, string> = {
  catalog: 'id, outlet, name_zh, name_en, category, price, barcode, active, effective_from',
  lockers: 'locker, uid, state',
  stations: 'id, name, address, latitude, longitude',
};

/** File bytes to base64 in chunks (the bridge carries text; one huge String.fromCharCode call would overflow the stack). */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Import and export one kind of CSV file. Picking a file shows a preview first: every row that
 * would be refused, with its row number, column and reason; the import button appears only when
 * there is none, and imports every row or nothing (one command id per file, reused on a retry).
 */
export function CsvPanel({ kind, onImported }: { kind: Kind; onImported(): void }) {
  const { t, i18n } = useTranslation();
  const { pos } = usePos();
  const command = useCommandId();
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const lang = i18n.language as Locale;

  async function pick(f: File | null) {
    setError(null);
    setDone(null);
    setPreview(null);
    command.done();
    if (!f) return;
    try {
      const content = toBase64(new Uint8Array(await f.arrayBuffer()));
      setFile({ name: f.name, content });
      setPreview(await pos.setup.importPreview({ kind, content }));
    } catch (e) {
      setError(e);
    }
  }

  async function run() {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const r = await pos.setup.import({ commandId: command.get(), kind, content: file.content });
      command.done();
      setDone(t('storeSetup.csv.imported', { created: r.created, updated: r.updated }));
      setPreview(null);
      setFile(null);
      onImported();
    } catch (e) {
      setError(e);
      command.failed(e);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  async function exportFile() {
    setError(null);
    try {
      const out = await pos.setup.export({ kind });
      const bytes = Uint8Array.from(atob(out.content), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = out.fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <Card withBorder radius="lg" data-testid={`csv-${kind}`}>
      <Stack gap="xs">
        <Title order={5}>{t('storeSetup.csv.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('storeSetup.csv.columns', { columns: COLUMNS[kind] })}
        </Text>
        <Group>
          <FileButton onChange={(f) => void pick(f)} accept=".csv,text/csv" inputProps={{ 'aria-label': t('storeSetup.csv.choose') } as object}>
            {(props) => (
              <Button {...props} size="md" variant="light" leftSection={<IconUpload size={18} />}>
                {t('storeSetup.csv.choose')}
              </Button>
            )}
          </FileButton>
          <Button size="md" variant="default" leftSection={<IconDownload size={18} />} onClick={() => void exportFile()}>
            {t('storeSetup.csv.export')}
          </Button>
        </Group>
        {preview && (
          <Stack gap="xs" data-testid="csv-preview">
            <Text>{t('storeSetup.csv.preview', { rows: preview.rows, accepted: preview.accepted, encoding: preview.encoding === 'gb18030' ? 'GBK/GB18030' : 'UTF-8' })}</Text>
            {preview.problems.length > 0 ? (
              <Alert color="red" variant="light" role="alert">
                <Text size="sm" mb={4}>
                  {t('storeSetup.csv.refused')}
                </Text>
                <Table data-testid="csv-problems" verticalSpacing={2}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('storeSetup.csv.row')}</Table.Th>
                      <Table.Th>{t('storeSetup.csv.field')}</Table.Th>
                      <Table.Th>{t('storeSetup.csv.reason')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {preview.problems.map((p) => (
                      <Table.Tr key={`${p.row}:${p.field}:${p.message.en}`} data-row={p.row}>
                        <Table.Td>{p.row}</Table.Td>
                        <Table.Td>{p.field}</Table.Td>
                        <Table.Td>{p.message[lang]}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Alert>
            ) : (
              <Button size="lg" onClick={() => setConfirming(true)} data-testid="csv-import">
                {t('storeSetup.csv.import', { rows: preview.rows })}
              </Button>
            )}
          </Stack>
        )}
        <ErrorAlert error={error} />
        {done && (
          <Text c="teal" role="status">
            {done}
          </Text>
        )}
      </Stack>
      <ConfirmModal
        opened={confirming}
        busy={busy}
        error={null}
        onClose={() => setConfirming(false)}
        onConfirm={() => void run()}
        lines={[t('storeSetup.csv.confirm', { rows: preview?.rows ?? 0, file: file?.name ?? '' })]}
      />
    </Card>
  );
}
