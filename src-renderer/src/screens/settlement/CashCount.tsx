import { Group, NumberInput, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../format/money';

export type Count = Record<string, number>;

/** The total of a count in minor units (integers only: pieces × denomination). */
export function countTotal(count: Count): number {
  return Object.entries(count).reduce((s, [d, n]) => s + Number(d) * (Number.isSafeInteger(n) ? n : 0), 0);
}

/**
 * Counting the drawer by denomination: one field per note and coin (large enough for a finger,
 * typed with the keyboard as well), and the running total of what was counted. Main checks the
 * denominations and the pieces again.
 */
export function CashCount({ denominations, count, onChange, currency }: { denominations: number[]; count: Count; onChange(c: Count): void; currency: string }) {
  const { t, i18n } = useTranslation();
  const money = (m: number) => formatMoney(m, currency, i18n.language);
  return (
    <>
      <SimpleGrid cols={4} spacing="sm">
        {denominations.map((d) => (
          <NumberInput
            key={d}
            label={money(d)}
            aria-label={t('settlement.pieces', { denomination: money(d) })}
            min={0}
            max={100000}
            allowDecimal={false}
            allowNegative={false}
            size="md"
            styles={{ input: { minHeight: 44 } }}
            value={count[String(d)] ?? ''}
            onChange={(v) => {
              const n = typeof v === 'number' ? v : Number(v || 0);
              const next = { ...count };
              if (n > 0) next[String(d)] = n;
              else delete next[String(d)];
              onChange(next);
            }}
          />
        ))}
      </SimpleGrid>
      <Group justify="flex-end">
        <Text size="xl" fw={700} data-testid="count-total">
          {t('settlement.total')} {money(countTotal(count))}
        </Text>
      </Group>
    </>
  );
}
