import { Badge, Button, Card, Group, PasswordInput, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffInfo } from '../../../src-main/api/contract';
import { usePos } from '../app/pos-context';
import { ErrorAlert } from '../components/ErrorAlert';
import { ScreenHeader } from '../components/ScreenHeader';

/** Managers add cashiers and managers. Main refuses this to a cashier whatever the screen shows. */
export function StaffScreen({ back }: { back(): void }) {
  const { t } = useTranslation();
  const { pos } = usePos();
  const [staff, setStaff] = useState<StaffInfo[]>([]);
  const [name, setName] = useState('');
  const [role, setRole] = useState<'cashier' | 'manager'>('cashier');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const load = useCallback(() => pos.staff.list().then(setStaff, setError), [pos]);
  useEffect(() => {
    void load();
  }, [load]);

  async function add(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    setDone(null);
    try {
      const created = await pos.staff.create({ name, role, pin });
      setDone(t('staff.added', { name: created.name }));
      setName('');
      setPin('');
      await load();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Stack p="xl">
      <ScreenHeader title={t('staff.title')} back={back} />
      <Group align="flex-start" grow>
        <Card withBorder radius="lg">
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('staff.name')}</Table.Th>
                <Table.Th>{t('staff.role')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {staff.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{s.name}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={s.role === 'manager' ? 'grape' : 'teal'}>
                      {t(`roles.${s.role}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
        <Card withBorder radius="lg" maw={420}>
          <form onSubmit={add}>
            <Stack>
              <Title order={4}>{t('staff.add')}</Title>
              <TextInput label={t('staff.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
              <SegmentedControl
                value={role}
                onChange={(v) => setRole(v as 'cashier' | 'manager')}
                data={[
                  { value: 'cashier', label: t('roles.cashier') },
                  { value: 'manager', label: t('roles.manager') },
                ]}
              />
              <PasswordInput label={t('staff.pin')} inputMode="numeric" value={pin} onChange={(e) => setPin(e.currentTarget.value)} required rightSectionWidth={52} />
              <ErrorAlert error={error} />
              {done && (
                <Text c="teal" role="status">
                  {done}
                </Text>
              )}
              <Button type="submit">{t('staff.add')}</Button>
            </Stack>
          </form>
        </Card>
      </Group>
    </Stack>
  );
}
