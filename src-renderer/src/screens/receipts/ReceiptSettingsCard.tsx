import { Button, Card, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../src-main/api/contract';
import { usePos } from '../../app/pos-context';
import { ErrorAlert } from '../../components/ErrorAlert';

type Settings = MethodOutput<'receipts.settings'>;
const FIELDS = ['address', 'phone', 'taxNumber', 'invoiceNote', 'footer'] as const;

/** Manager: what every receipt carries besides the store name (address, phone, tax number, invoice note, footer). */
export function ReceiptSettingsCard({ onSaved }: { onSaved(): void }) {
  const { t } = useTranslation();
  const { pos } = usePos();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    pos.receipts.settings().then(setSettings, setError);
  }, [pos]);
  if (!settings) return <ErrorAlert error={error} />;
  const save = () =>
    pos.receipts.configure(settings).then(
      (s) => {
        setSettings(s);
        setError(null);
        onSaved();
      },
      setError,
    );
  return (
    <Card withBorder radius="lg">
      <Stack>
        <Title order={4}>{t('receipts.settingsTitle')}</Title>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {FIELDS.map((f) => (
            <TextInput key={f} label={t(`receipts.fields.${f}`)} value={settings[f]} onChange={(e) => setSettings({ ...settings, [f]: e.currentTarget.value })} />
          ))}
        </SimpleGrid>
        <ErrorAlert error={error} />
        <Button h={44} onClick={() => void save()} style={{ alignSelf: 'flex-start' }}>
          {t('common.save')}
        </Button>
      </Stack>
    </Card>
  );
}
