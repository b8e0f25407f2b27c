import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { IconCash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePos } from '../../app/pos-context';
import { ErrorAlert } from '../../components/ErrorAlert';

/** Manager only: opens the cash drawer with no sale, for a reason that goes into the audit trail. */
export function OpenDrawer({ onDone }: { onDone(text: string): void }) {
  const { t } = useTranslation();
  const { pos } = usePos();
  const [opened, setOpened] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    try {
      await pos.receipts.openDrawer({ reason });
      setOpened(false);
      setReason('');
      setError(null);
      onDone(t('receipts.drawerOpened'));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <Button h={44} variant="light" color="grape" leftSection={<IconCash size={18} />} onClick={() => setOpened(true)}>
        {t('receipts.openDrawer')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('receipts.openDrawer')}>
        <Stack>
          <TextInput data-autofocus label={t('receipts.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} onKeyDown={(e) => e.key === 'Enter' && void submit()} />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button h={44} onClick={() => void submit()}>
              {t('receipts.openDrawerConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
