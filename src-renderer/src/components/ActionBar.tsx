import { Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * The amount due and the one button that moves the sale on, pinned to the bottom of the screen
 * (above the status bar) so a cashier never scrolls to find them, whatever the list above holds.
 * `notice` (a refusal, why paying is not possible) sits in the bar too, so it is never hidden under it.
 */
export function ActionBar({ children, notice, testId }: { children: ReactNode; notice?: ReactNode; testId?: string }) {
  return (
    <Paper className="action-bar" withBorder shadow="md" radius="lg" p="sm" data-testid={testId}>
      <Stack gap="xs">
        {notice}
        <Group justify="space-between" wrap="nowrap" gap="md">
          {children}
        </Group>
      </Stack>
    </Paper>
  );
}

/** One figure of the bar (the total, the amount due, the change): a small label over a large number. */
export function ActionFigure({ label, value, testId, color, children }: { label: string; value: ReactNode; testId: string; color?: string | undefined; children?: ReactNode }) {
  return (
    <Stack gap={0} style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="1.75rem" fw={800} lh={1.1} c={color} data-testid={testId}>
        {value}
      </Text>
      {children}
    </Stack>
  );
}
