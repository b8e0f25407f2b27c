import { Group, Slider, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePos } from '../../app/pos-context';

type Voice = { enabled: boolean; volume: number };

/** A manager's voice settings: announcements on/off and their volume (saved in the settings file). */
export function VoiceSettings({ voice, onChange }: { voice: Voice; onChange(v: Voice): void }) {
  const { t } = useTranslation();
  const { pos } = usePos();
  const [volume, setVolume] = useState(voice.volume);
  const save = (v: Voice) => void pos.memberCards.setVoice(v).then((saved) => (onChange(saved), window.dispatchEvent(new CustomEvent('pos-voice', { detail: saved }))), () => {});
  return (
    <Group gap="sm">
      <Switch size="lg" label={t('cards.voiceOn')} checked={voice.enabled} onChange={(e) => save({ ...voice, enabled: e.currentTarget.checked })} data-testid="voice-enabled" />
      <Text size="sm">{t('cards.volume')}</Text>
      <Slider w={140} min={0} max={100} value={volume} onChange={setVolume} onChangeEnd={(v) => save({ ...voice, volume: v })} aria-label={t('cards.volume')} />
    </Group>
  );
}
