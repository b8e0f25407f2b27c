import { Alert, Button, Card, Group, SimpleGrid, Slider, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../src-main/api/contract';
import { ErrorAlert } from '../../components/ErrorAlert';

type Quote = MethodOutput<'points.quote'>;

function Figure({ label, value, testId, color }: { label: string; value: string | number; testId: string; color?: string }) {
  return (
    <Stack gap={0}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="1.6rem" fw={800} c={color} data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );
}

/**
 * The plan as main computed it: the rule, miles needed, the cash part and the miles left, or why
 * not (with how many miles are missing). For a mixed rule the passenger picks another share with
 * the buttons or the slider, within what the rule and the balance allow; main answers the plan.
 */
export function MilesPlan({ quote, quoteError, share, onShare, money, ready }: { quote: Quote | null; quoteError: unknown; share: number | null; onShare(pct: number): void; money(minor: number): string; ready: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as 'en' | 'zh-CN';
  if (!ready) {
    return (
      <Card withBorder radius="lg" p="sm">
        <Title order={4}>{t('miles.planTitle')}</Title>
        <Text c="dimmed">{t('miles.pickAll')}</Text>
      </Card>
    );
  }
  const rule = quote?.rule ?? null;
  const plan = quote?.plan ?? null;
  const range = quote?.range ?? null;
  const current = plan?.sharePct ?? share ?? quote?.firstSharePct ?? null;
  return (
    <Card withBorder radius="lg" p="sm" data-testid="miles-plan">
      <Stack gap="xs">
        <Title order={4}>{t('miles.planTitle')}</Title>
        {rule && (
          <Text size="sm" c="dimmed" data-testid="miles-rule">
            {rule.pointsOnly ? t('miles.ruleOnly', { points: rule.exchange.points, money: money(rule.exchange.fen) }) : t('miles.rule', { pct: rule.maxSharePct, points: rule.exchange.points, money: money(rule.exchange.fen) })}
            {rule.minPointsPerUse > 0 && ` · ${t('miles.minimum', { count: rule.minPointsPerUse })}`}
          </Text>
        )}
        <ErrorAlert error={quoteError} />
        {quote?.refusal && (
          <Alert color="red" variant="light" role="alert" data-testid="miles-refusal" data-code={quote.refusal.code}>
            {quote.refusal.message[lang] ?? quote.refusal.message.en}
          </Alert>
        )}
        {range && range.minPct !== null && quote?.firstSharePct != null && (
          <Stack gap={6}>
            <Text size="sm" data-testid="miles-first-ratio">
              {t('miles.firstRatio', { pct: quote.firstSharePct })}
            </Text>
            <Group gap="xs" data-testid="miles-shares" aria-label={t('miles.share')}>
              {quote.choices.map((pct) => (
                <Button key={pct} size="md" variant={current === pct ? 'filled' : 'default'} color="cyan" aria-pressed={current === pct} onClick={() => onShare(pct)}>
                  {pct === 0 ? t('miles.allCash') : t('miles.shareButton', { pct })}
                </Button>
              ))}
            </Group>
            {range.maxPct > range.minPct && (
              <Slider
                aria-label={t('miles.share')}
                min={range.minPct}
                max={range.maxPct}
                step={1}
                value={current !== null && current >= range.minPct ? current : range.maxPct}
                onChangeEnd={onShare}
                label={(v) => `${v}%`}
                size="xl"
                thumbSize={44}
                mx="sm"
                my="sm"
              />
            )}
          </Stack>
        )}
        {plan && (
          <SimpleGrid cols={3} data-testid="miles-plan-figures" data-share={plan.sharePct}>
            <Figure label={t('miles.milesNeeded')} value={plan.points} testId="miles-points" color="cyan.8" />
            <Figure label={t('miles.cashPart')} value={money(plan.cashFen)} testId="miles-cash" />
            <Figure label={t('miles.milesLeft')} value={plan.pointsLeft} testId="miles-left" />
          </SimpleGrid>
        )}
        {plan && plan.roundedUpFen > 0 && <Text size="sm">{t('miles.roundedUp', { money: money(plan.roundedUpFen) })}</Text>}
      </Stack>
    </Card>
  );
}
