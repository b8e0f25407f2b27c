import { Alert, Grid, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../src-main/api/contract';
import { usePos } from '../../app/pos-context';
import { subscribe } from '../../bridge/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ScreenHeader } from '../../components/ScreenHeader';
import { formatMoney } from '../../format/money';
import { MemberPanel, type IdentifiedMember } from '../members/MemberPanel';
import { CardActions } from './CardActions';
import { MemberCardList } from './MemberCardList';
import { MerchantQr } from './MerchantQr';
import { TodayMovements } from './TodayMovements';
import { VoiceSettings } from './VoiceSettings';

type Status = MethodOutput<'memberCards.status'>;
type Movement = MethodOutput<'memberCards.today'>[number];

/**
 * The member cards screen (会员卡): this store's merchant and its QR code, the member at the
 * counter and their cards with live balances, open / recharge / redeem, today's movements
 * (phone payments appear as they arrive) with reversal. No money rule lives here.
 */
export function CardsScreen({ back }: { back(): void }) {
  const { t, i18n } = useTranslation();
  const { pos, bridge, info, staff } = usePos();
  const [status, setStatus] = useState<Status | null>(null);
  const [member, setMember] = useState<IdentifiedMember | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [today, setToday] = useState<Movement[]>([]);
  const [error, setError] = useState<unknown>(null);
  const money = useCallback((fen: number) => formatMoney(fen, info.settings.currency, i18n.language), [info.settings.currency, i18n.language]);

  useEffect(() => void pos.memberCards.status().then(setStatus, setError), [pos]);
  const loadToday = useCallback(() => void pos.memberCards.today().then(setToday, setError), [pos]);
  useEffect(loadToday, [loadToday]);

  const reloadCards = useCallback(async () => {
    if (!member) return;
    try {
      const r = await pos.memberCards.cards({ memberId: member.member.id });
      setMember((m) => (m && m.member.id === r.member.id ? { ...m, ...r } : m));
    } catch (e) {
      setError(e);
    }
  }, [pos, member]);

  // Live balances: a card that moved anywhere (this counter, the member's phone, another counter) is updated in place.
  useEffect(
    () =>
      subscribe(bridge, 'memberCards.changed', (p) => {
        setMember((m) => (m ? { ...m, cards: m.cards.map((c) => (c.id === p.cardId ? { ...c, paid: p.paid, bonus: p.bonus, usesLeft: p.usesLeft } : c)) } : m));
        loadToday();
      }),
    [bridge, loadToday],
  );

  const card = member?.cards.find((c) => c.id === selected) ?? null;
  return (
    <Stack p="md" gap="sm">
      <ScreenHeader title={t('cards.title')} back={back}>
        {staff?.role === 'manager' && status && <VoiceSettings voice={status.voice} onChange={(voice) => setStatus({ ...status, voice })} />}
      </ScreenHeader>
      <ErrorAlert error={error} />
      {status && !status.connected && (
        <Alert color="orange" variant="light" data-testid="cards-not-connected">
          {t('cards.notConnected')}
        </Alert>
      )}
      {status?.connected && !status.merchant && <ErrorAlert error={status.problem ? { message: t('cards.noMerchant') } : null} />}
      {!status ? (
        <Text c="dimmed">{t('app.loading')}</Text>
      ) : (
        <Grid>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack gap="sm">
              <MemberPanel
                member={member}
                onMember={(m) => {
                  setMember(m);
                  setSelected(m?.cards[0]?.id ?? null);
                }}
              />
              {member && (
                <>
                  <MemberCardList cards={member.cards} selected={selected} onSelect={setSelected} money={money} />
                  <CardActions memberId={member.member.id} card={card} money={money} done={() => void reloadCards().then(loadToday)} />
                </>
              )}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Stack gap="sm">
              {status.merchant && status.phonePageUrl && <MerchantQr name={status.merchant.name} url={status.phonePageUrl} />}
              <TodayMovements rows={today} money={money} changed={() => void reloadCards().then(loadToday)} />
            </Stack>
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}
