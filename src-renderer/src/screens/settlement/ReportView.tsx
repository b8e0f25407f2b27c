import { Card, Stack, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../src-main/api/contract';

type Rows = MethodOutput<'settlement.report'>['rows'];

/** The report on screen: the same labelled rows as on paper and in the CSV, grouped by section. */
export function ReportView({ rows, title }: { rows: Rows; title: string }) {
  const { i18n } = useTranslation();
  const list = i18n.language === 'zh-CN' ? rows['zh-CN'] : rows.en;
  const sections: { name: string; rows: typeof list }[] = [];
  for (const r of list) {
    const last = sections.at(-1);
    if (last?.name === r.section) last.rows.push(r);
    else sections.push({ name: r.section, rows: [r] });
  }
  return (
    <Card withBorder data-testid="day-report">
      <Stack gap="xs">
        <Title order={3}>{title}</Title>
        <Table striped>
          <Table.Tbody>
            {sections.map((s) => [
              <Table.Tr key={`h-${s.name}`}>
                <Table.Th colSpan={2}>{s.name}</Table.Th>
              </Table.Tr>,
              ...s.rows.map((r, i) => (
                <Table.Tr key={`${s.name}-${i}`}>
                  <Table.Td pl="lg">{r.label}</Table.Td>
                  <Table.Td ta="right">{r.value}</Table.Td>
                </Table.Tr>
              )),
            ])}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}
