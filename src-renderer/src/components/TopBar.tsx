import { Badge, Button, Group, Text, ThemeIcon } from '@mantine/core';
import { IconCash, IconLogout, IconUser } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePos } from '../app/pos-context';
import { LanguageSwitch } from './LanguageSwitch';

function Clock() {
  const { i18n } = useTranslation();
  const { info } = usePos();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), 10_000);
    return () => clearInterval(id);
  }, []);
  const text = new Intl.DateTimeFormat(i18n.language, { timeZone: info.settings.timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(now);
  return (
    <Text size="sm" c="dimmed">
      {text}
    </Text>
  );
}

/** Store and terminal, the time in the store's time zone, the language, and who is signed in. */
export function TopBar() {
  const { t } = useTranslation();
  const { pos, info, staff } = usePos();
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap" data-testid="top-bar">
      <Group gap="sm" wrap="nowrap">
        <ThemeIcon size={34} radius="md">
          <IconCash size={22} />
        </ThemeIcon>
        <div>
          <Text fw={700} lh={1.1}>
            {info.settings.storeName}
          </Text>
          <Text size="xs" c="dimmed" lh={1.1}>
            Counter POS · {info.settings.terminalName}
          </Text>
        </div>
        {info.demo && (
          <Badge color="orange" variant="filled">
            {t('status.demo')}
          </Badge>
        )}
      </Group>
      <Group gap="md" wrap="nowrap">
        <Clock />
        <LanguageSwitch />
        <Group gap={6} wrap="nowrap" data-testid="status-staff">
          <IconUser size={18} />
          <Text size="sm" fw={500}>
            {staff ? `${staff.name} (${t(`roles.${staff.role}`)})` : t('status.nobody')}
          </Text>
        </Group>
        {staff && (
          <Button size="sm" variant="default" leftSection={<IconLogout size={16} />} onClick={() => void pos.staff.signOut()}>
            {t('status.signOut')}
          </Button>
        )}
      </Group>
    </Group>
  );
}
