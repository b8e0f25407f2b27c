import { Badge, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconUserCheck } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput, MethodOutput } from '../../../../src-main/api/contract';
import { usePos } from '../../app/pos-context';
import { subscribe } from '../../bridge/client';
import { ErrorAlert } from '../../components/ErrorAlert';

export type IdentifiedMember = MethodOutput<'members.identify'>;

const PHONE = /^\+?\d{5,15}$/;
const NUMBER = /^[A-Za-z0-9]{4,20}$/;

/**
 * Who is at the counter, for any workflow that needs a member (member cards; coupons next): the
 * member's dynamic code scanned from their phone (scanner or keyboard wedge, or pasted), a member
 * card tapped on the reader, a phone number with the one-time code the server sends, or a member
 * number; or the cashier registers a new member by phone and name. Shows who is identified with
 * "Change member". Main checks everything (`members.identify`); this panel only collects input.
 */
export function MemberPanel({ member, onMember }: { member: IdentifiedMember | null; onMember(m: IdentifiedMember | null): void }) {
  const { t } = useTranslation();
  const { pos, bridge } = usePos();
  const [text, setText] = useState('');
  const [otpFor, setOtpFor] = useState<string | null>(null);
  const [otp, setOtp] = useState('');
  const [registering, setRegistering] = useState(false);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const identify = useCallback(
    async (input: MethodInput<'members.identify'>) => {
      setBusy(true);
      setError(null);
      try {
        onMember(await pos.members.identify(input));
        setText('');
        setOtpFor(null);
        setOtp('');
      } catch (e) {
        setError(e);
      } finally {
        setBusy(false);
      }
    },
    [pos, onMember],
  );

  // A scan or a card tap identifies at once while nobody is identified (a tap later does not switch members by accident).
  useEffect(() => subscribe(bridge, 'device.scan', (p) => void (!member && identify({ by: 'code', code: p.code }))), [bridge, identify, member]);
  useEffect(() => subscribe(bridge, 'device.card', (p) => void (!member && identify({ by: 'uid', uid: p.uid }))), [bridge, identify, member]);

  async function find(e?: React.FormEvent) {
    e?.preventDefault();
    const q = text.trim();
    if (!q) return;
    if (q.startsWith('CPM1.')) return identify({ by: 'code', code: q });
    if (PHONE.test(q) && q.length >= 11) {
      setBusy(true);
      setError(null);
      try {
        await pos.members.sendOtp({ phone: q });
        setOtpFor(q);
      } catch (err) {
        setError(err);
      } finally {
        setBusy(false);
      }
      return;
    }
    if (NUMBER.test(q)) return identify({ by: 'number', number: q });
    setError(new Error(t('members.notRecognised')));
  }

  async function register(e?: React.FormEvent) {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onMember(await pos.members.register({ phone: text.trim(), name: name.trim() }));
      setRegistering(false);
      setName('');
      setText('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card withBorder radius="lg" p="sm" data-testid="member-panel">
      <Stack gap="xs">
        <Title order={4}>{t('members.title')}</Title>
        {member ? (
          <Group justify="space-between" data-testid="member-identified">
            <Group gap="xs">
              <IconUserCheck size={22} />
              <Text fw={700} size="lg" data-testid="member-name">
                {member.member.name} · {member.member.number}
              </Text>
              {member.member.phoneTail && <Badge variant="light">{t('members.phoneTail', { tail: member.member.phoneTail })}</Badge>}
              <Badge variant="outline">{t(`members.via.${member.via}`)}</Badge>
            </Group>
            <Button size="md" variant="subtle" onClick={() => onMember(null)} data-testid="member-change">
              {t('members.change')}
            </Button>
          </Group>
        ) : otpFor ? (
          <form onSubmit={(e) => (e.preventDefault(), void identify({ by: 'phone', phone: otpFor, otp: otp.trim() }))}>
            <Group align="flex-end" gap="xs" wrap="nowrap">
              <TextInput size="md" style={{ flex: 1 }} label={t('members.otpLabel', { phone: otpFor })} inputMode="numeric" value={otp} onChange={(e) => setOtp(e.currentTarget.value)} data-testid="member-otp" />
              <Button size="md" type="submit" loading={busy}>
                {t('members.find')}
              </Button>
              <Button size="md" variant="default" onClick={() => setOtpFor(null)}>
                {t('common.cancel')}
              </Button>
            </Group>
          </form>
        ) : registering ? (
          <form onSubmit={(e) => void register(e)}>
            <Group align="flex-end" gap="xs">
              <TextInput size="md" label={t('members.phone')} inputMode="tel" value={text} onChange={(e) => setText(e.currentTarget.value)} data-testid="member-register-phone" />
              <TextInput size="md" label={t('members.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="member-register-name" />
              <Button size="md" type="submit" loading={busy} disabled={!PHONE.test(text.trim()) || !name.trim()} data-testid="member-register-save">
                {t('members.registerSave')}
              </Button>
              <Button size="md" variant="default" onClick={() => setRegistering(false)}>
                {t('common.cancel')}
              </Button>
            </Group>
          </form>
        ) : (
          <form onSubmit={(e) => void find(e)}>
            <Group align="flex-end" gap="xs" wrap="nowrap">
              <TextInput size="md" style={{ flex: 1 }} label={t('members.findLabel')} description={t('members.findHint')} value={text} onChange={(e) => setText(e.currentTarget.value)} data-testid="member-find-input" />
              <Button size="md" type="submit" loading={busy} data-testid="member-find">
                {t('members.find')}
              </Button>
              <Button size="md" variant="light" onClick={() => setRegistering(true)} data-testid="member-register">
                {t('members.register')}
              </Button>
            </Group>
          </form>
        )}
        <ErrorAlert error={error} />
      </Stack>
    </Card>
  );
}
