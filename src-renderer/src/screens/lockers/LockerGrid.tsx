import { SimpleGrid, Tooltip, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Overview } from './shared';

/**
 * Every locker, live (free / occupied / out of service): the lockers.changed event keeps it
 * current. With `onTap`, an occupied locker is a way to find its party without its wristband.
 */
export function LockerGrid({ lockers, onTap, cols = 10 }: { lockers: Overview['lockers']; onTap?(locker: number): void; cols?: number }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={cols} spacing={6} data-testid="locker-grid">
      {lockers.map((l) => (
        <Tooltip key={l.number} label={l.customer ?? t(`lockers.states.${l.state}`)} openDelay={400}>
          <UnstyledButton
            className="locker-cell"
            data-state={l.state}
            data-locker={l.number}
            aria-label={`${t('lockers.locker')} ${l.number} ${t(`lockers.states.${l.state}`)}`}
            disabled={!onTap || l.state !== 'occupied'}
            onClick={() => onTap?.(l.number)}
          >
            {l.number}
          </UnstyledButton>
        </Tooltip>
      ))}
    </SimpleGrid>
  );
}
