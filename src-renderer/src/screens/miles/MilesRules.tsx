import { Alert, Badge, Button, Card, Checkbox, Group, NumberInput, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePos } from '../../app/pos-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatMoney, parseMoney } from '../../format/money';
import type { MilesStatus } from './MilesScreen';

type Rule = MilesStatus['rules'][number];
interface Draft {
  id?: string;
  kind: 'route' | 'any';
  origin: string;
  destination: string;
  serviceType: string;
  maxSharePct: number;
  points: number;
  /** The yuan the miles buy, as typed: parsed exactly to fen. */
  yuan: string;
  pointsOnly: boolean;
  minPointsPerUse: number;
}

const EMPTY: Draft = { kind: 'route', origin: '', destination: '', serviceType: 'baggage', maxSharePct: 50, points: 100, yuan: '1', pointsOnly: false, minPointsPerUse: 0 };

/**
 * The miles rules (managers): the list with who owns each (this counter or head office), and a form
 * to add or edit a local rule. Main checks every rule (ranges, and a tie with another rule is
 * refused at entry); head office's rules are read-only here.
 */
export function MilesRules({ status, onChange }: { status: MilesStatus; onChange(): void }) {
  const { t, i18n } = useTranslation();
  const { pos, info } = usePos();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const money = (minor: number) => formatMoney(minor, info.settings.currency, i18n.language);
  const set = (patch: Partial<Draft>) => (setDraft({ ...draft, ...patch }), setSaved(false));

  const routeOf = (r: Rule) => (r.route.kind === 'route' ? `${r.route.origin}-${r.route.destination}` : r.route.kind === 'group' ? t('miles.routeGroup', { group: r.route.group }) : t('miles.routeAny'));

  function edit(r: Rule) {
    if (r.origin === 'central' || r.route.kind === 'group') return setError({ message: t('miles.centralReadOnly') });
    setError(null);
    setDraft({
      id: r.id,
      kind: r.route.kind,
      origin: r.route.kind === 'route' ? r.route.origin : '',
      destination: r.route.kind === 'route' ? r.route.destination : '',
      serviceType: r.serviceType ?? '',
      maxSharePct: r.maxSharePct,
      points: r.exchange.points,
      yuan: formatMoney(r.exchange.fen, info.settings.currency, 'en').replace(/[^\d.]/g, ''),
      pointsOnly: r.pointsOnly,
      minPointsPerUse: r.minPointsPerUse,
    });
  }

  async function save() {
    setError(null);
    const fen = parseMoney(draft.yuan);
    try {
      await pos.points.setRule({
        ...(draft.id ? { id: draft.id } : {}),
        route: draft.kind === 'route' ? { kind: 'route', origin: draft.origin.trim().toUpperCase(), destination: draft.destination.trim().toUpperCase() } : { kind: 'any' },
        serviceType: (draft.serviceType || null) as 'baggage' | null,
        maxSharePct: draft.pointsOnly ? 100 : draft.maxSharePct,
        exchange: { points: draft.points, fen: fen.ok ? fen.minor : 0 },
        pointsOnly: draft.pointsOnly,
        minPointsPerUse: draft.minPointsPerUse,
        validFrom: null,
        validTo: null,
      });
      setSaved(true);
      setDraft(EMPTY);
      onChange();
    } catch (e) {
      setError(e);
    }
  }

  async function remove(r: Rule) {
    try {
      await pos.points.removeRule({ ruleId: r.id });
      onChange();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <Stack gap="sm">
      <Card withBorder radius="lg" p="sm">
        <Title order={5} mb="xs">
          {t('miles.rulesTitle')}
        </Title>
        <Table verticalSpacing="xs" data-testid="miles-rules">
          <Table.Tbody>
            {status.rules.map((r) => (
              <Table.Tr key={r.id} data-rule={r.id}>
                <Table.Td>{routeOf(r)}</Table.Td>
                <Table.Td>{r.serviceType ? t(`miles.services.${r.serviceType}`, { defaultValue: r.serviceType }) : t('miles.serviceAny')}</Table.Td>
                <Table.Td>
                  {r.pointsOnly ? t('miles.ruleOnly', { points: r.exchange.points, money: money(r.exchange.fen) }) : t('miles.rule', { pct: r.maxSharePct, points: r.exchange.points, money: money(r.exchange.fen) })}
                  {r.minPointsPerUse > 0 && ` · ${t('miles.minimum', { count: r.minPointsPerUse })}`}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={r.origin === 'central' ? 'indigo' : 'gray'}>
                    {t(`miles.origins.${r.origin}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {r.origin === 'local' && (
                    <Group gap={4} wrap="nowrap">
                      <Button variant="default" onClick={() => edit(r)}>
                        {t('miles.editRule', { id: '' }).trim()}
                      </Button>
                      <Button variant="subtle" color="red" onClick={() => void remove(r)}>
                        {t('miles.remove')}
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Card withBorder radius="lg" p="sm" data-testid="miles-rule-form">
        <Stack gap="xs">
          <Title order={5}>{draft.id ? t('miles.editRule', { id: draft.id }) : t('miles.addRule')}</Title>
          <Group gap="xs" align="flex-end">
            <SegmentedControl size="md" value={draft.kind} onChange={(v) => set({ kind: v as 'route' | 'any' })} data={[{ value: 'route', label: t('miles.kindRoute') }, { value: 'any', label: t('miles.kindAny') }]} aria-label={t('miles.routeKind')} />
            {draft.kind === 'route' && (
              <>
                <TextInput size="md" w={90} label={t('miles.origin')} value={draft.origin} onChange={(e) => set({ origin: e.currentTarget.value })} />
                <TextInput size="md" w={90} label={t('miles.destination')} value={draft.destination} onChange={(e) => set({ destination: e.currentTarget.value })} />
              </>
            )}
            <Select
              size="md"
              w={170}
              label={t('miles.service')}
              value={draft.serviceType}
              onChange={(v) => set({ serviceType: v ?? '' })}
              data={[{ value: '', label: t('miles.serviceAny') }, ...status.services.map((s) => ({ value: s, label: t(`miles.services.${s}`) }))]}
              allowDeselect={false}
            />
          </Group>
          <Group gap="xs" align="flex-end">
            <NumberInput size="md" w={150} label={t('miles.maxShare')} min={0} max={100} allowDecimal={false} value={draft.pointsOnly ? 100 : draft.maxSharePct} disabled={draft.pointsOnly} onChange={(v) => set({ maxSharePct: Number(v) || 0 })} />
            <NumberInput size="md" w={110} label={t('miles.exchangePoints')} min={1} allowDecimal={false} value={draft.points} onChange={(v) => set({ points: Number(v) || 0 })} />
            <TextInput size="md" w={110} inputMode="decimal" label={t('miles.exchangeYuan')} value={draft.yuan} onChange={(e) => set({ yuan: e.currentTarget.value })} />
            <NumberInput size="md" w={150} label={t('miles.minPoints')} min={0} allowDecimal={false} value={draft.minPointsPerUse} onChange={(v) => set({ minPointsPerUse: Number(v) || 0 })} />
          </Group>
          <Checkbox size="md" label={t('miles.milesOnly')} checked={draft.pointsOnly} onChange={(e) => set({ pointsOnly: e.currentTarget.checked })} />
          <ErrorAlert error={error} />
          {saved && (
            <Alert color="teal" variant="light" role="status">
              {t('miles.saved')}
            </Alert>
          )}
          <Group justify="flex-end">
            {draft.id && (
              <Button variant="default" onClick={() => setDraft(EMPTY)}>
                {t('common.cancel')}
              </Button>
            )}
            <Button onClick={() => void save()}>{t('miles.saveRule')}</Button>
          </Group>
          <Text size="xs" c="dimmed">
            {t('miles.centralReadOnly')}
          </Text>
        </Stack>
      </Card>
    </Stack>
  );
}
