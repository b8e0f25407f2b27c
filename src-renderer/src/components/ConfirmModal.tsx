import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';

/**
 * "Please confirm" before money moves. The confirm button takes the focus, so a keyboard user
 * confirms with a second, deliberate Enter; Confirm may be pressed again after a failure
 * (the caller keeps the same command id).
 */
export function ConfirmModal({ opened, lines, onConfirm, onClose, busy, error, title, confirmLabel }: {
  opened: boolean;
  lines: string[];
  onConfirm(): void;
  onClose(): void;
  busy: boolean;
  error: unknown;
  title?: string;
  confirmLabel?: string;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title ?? t('common.confirmTitle')} centered size="lg">
      <Stack>
        {lines.map((l) => (
          <Text key={l} size="lg">
            {l}
          </Text>
        ))}
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" size="lg" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button size="lg" loading={busy} onClick={onConfirm} data-autofocus>
            {confirmLabel ?? t('common.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
