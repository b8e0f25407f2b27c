import { Button, Group, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Every workflow screen's top line: Back to the home tiles, the title, and the screen's own actions on the right. */
export function ScreenHeader({ title, back, children }: { title: string; back(): void; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between">
      <Group>
        <Button variant="subtle" leftSection={<IconArrowLeft size={18} />} onClick={back}>
          {t('common.back')}
        </Button>
        <Title order={2}>{title}</Title>
      </Group>
      {children}
    </Group>
  );
}
