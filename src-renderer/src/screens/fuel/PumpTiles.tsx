import { Badge, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EventPayload, MethodOutput } from '../../../../src-main/api/contract';
import type { FuelOrder } from '../../../../src-main/api/contract/fuel';
import { formatLitres } from './format';

type Pump = MethodOutput<'fuel.overview'>['pumps'][number];
export type PumpEvent = EventPayload<'device.pump'>;
export type PumpPhase = Pump['phase'];

export const RUNNING: ReadonlySet<FuelOrder['state']> = new Set(['paid', 'released', 'dispensing']);
const PHASE_COLOR: Record<PumpPhase, string> = { idle: 'teal', authorized: 'blue', filling: 'orange', 'end-of-transaction': 'grape', offline: 'red' };

/** The pump's state now: the last event from the controller, else what the overview said. */
export function phaseOf(pump: Pump, live: PumpEvent | undefined): PumpPhase {
  return live?.phase ?? pump.phase;
}

/**
 * The forecourt: one tile per pump with its live state (idle, waiting for the nozzle, filling
 * with litres and money, finished, offline). A running pump is never out of sight: its tile
 * shows the fill and a tap opens its stop and print actions.
 */
export function PumpTiles({ pumps, live, orders, selected, money, onTap }: {
  pumps: Pump[];
  live: Record<number, PumpEvent>;
  orders: FuelOrder[];
  selected: number | null;
  money(minor: number): string;
  onTap(pump: number): void;
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: Math.min(4, Math.max(2, pumps.length)), md: Math.min(6, Math.max(3, pumps.length)) }} spacing="sm" data-testid="forecourt">
      {pumps.map((p) => {
        const phase = phaseOf(p, live[p.number]);
        const ev = live[p.number];
        const running = orders.find((o) => o.pump === p.number && RUNNING.has(o.state));
        const showFill = (phase === 'filling' || phase === 'end-of-transaction') && ev;
        return (
          <UnstyledButton
            key={p.number}
            className="pump-tile"
            data-testid={`fuel-pump-${p.number}`}
            data-phase={phase}
            data-selected={selected === p.number || undefined}
            aria-pressed={selected === p.number}
            onClick={() => onTap(p.number)}
          >
            <Stack gap={4} align="center">
              <Text fw={700} size="lg">
                {t('fuel.pump', { n: p.number })}
              </Text>
              <Badge size="md" variant={phase === 'idle' ? 'light' : 'filled'} color={PHASE_COLOR[phase]}>
                {t(`fuel.phases.${phase}`)}
              </Badge>
              <Text size="sm" fw={600} data-testid={`fuel-pump-${p.number}-live`}>
                {showFill ? t('fuel.live', { litres: formatLitres(ev.volume), amount: money(ev.amount) }) : running ? t(`fuel.states.${running.state}`) : '\u00a0'}
              </Text>
            </Stack>
          </UnstyledButton>
        );
      })}
    </SimpleGrid>
  );
}
