import { Group, Paper, Stack } from '@mantine/core';
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
