import { CloseButton, Group, Paper, Text } from '@mantine/core';
import { IconVolume } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../../src-main/api/contract';
import { usePos } from '../app/pos-context';
import { subscribe } from '../bridge/client';

type Announce = EventPayload<'memberCards.announce'>;
type Voice = { enabled: boolean; volume: number };
type Said = { text: string; clips: string[]; lang: 'zh-CN' | 'en'; how: 'speech' | 'clips' | 'caption'; kind: Announce['kind'] };

// The recorded clips shipped in resources/voice/zh-CN (one per phrase, digit and unit), bundled by Vite as URLs.
const CLIP_FILES = (import.meta as unknown as { glob(p: string, o: object): Record<string, string> }).glob('../../../resources/voice/zh-CN/*.wav', { eager: true, query: '?url', import: 'default' });
const CLIPS = new Map(Object.entries(CLIP_FILES).map(([path, url]) => [decodeURIComponent(path.slice(path.lastIndexOf('/') + 1, -4)), url]));

/** A system voice for the language, if the machine has one (Chromium on Debian usually has none for Chinese). */
function systemVoice(lang: string): SpeechSynthesisVoice | null {
  if (typeof speechSynthesis === 'undefined') return null;
  return speechSynthesis.getVoices().find((v) => v.lang.replace('_', '-').toLowerCase().startsWith(lang.toLowerCase().slice(0, 2))) ?? null;
}

/** Plays the clips one after the other; a missing or unplayable clip is skipped, never blocks the next. */
async function playClips(clips: string[], volume: number): Promise<void> {
  for (const clip of clips) {
    const url = CLIPS.get(clip);
    if (!url) continue;
    await new Promise<void>((resolve) => {
      const a = new Audio(url);
      a.volume = volume / 100;
      a.onended = () => resolve();
      a.onerror = () => resolve();
      a.play().catch(() => resolve());
    });
  }
}

/**
 * The counter's voice (global, on every screen): every member payment and recharge is said aloud —
 * by the system's speech engine when it has a voice for the screen's language, else (Chinese) by
 * the recorded clips in order — and shown as a caption, so it is seen too (the browser host may
 * have no sound). The caption carries the text and the clip list (`data-clips`) it played.
 */
export function Announcer() {
  const { i18n, t } = useTranslation();
  const { pos, bridge, staff } = usePos();
  const [said, setSaid] = useState<Said | null>(null);
  const voice = useRef<Voice>({ enabled: true, volume: 80 });
  const queue = useRef<Promise<void>>(Promise.resolve());

  useEffect(() => {
    if (!staff) return;
    pos.memberCards.status().then((s) => (voice.current = s.voice), () => {});
    const onVoice = (e: Event) => (voice.current = (e as CustomEvent<Voice>).detail);
    window.addEventListener('pos-voice', onVoice);
    return () => window.removeEventListener('pos-voice', onVoice);
  }, [pos, staff]);

  useEffect(
    () =>
      subscribe(bridge, 'memberCards.announce', (a) => {
        const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
        const words = lang === 'en' ? a.en : a.zh;
        const sys = systemVoice(lang);
        const how: Said['how'] = !voice.current.enabled ? 'caption' : sys ? 'speech' : lang === 'zh-CN' ? 'clips' : 'caption';
        setSaid({ text: words.text, clips: words.clips, lang, how, kind: a.kind });
        if (how === 'caption') return;
        // One announcement at a time, in the order they came.
        queue.current = queue.current.then(() => {
          if (how === 'clips') return playClips(words.clips, voice.current.volume);
          return new Promise<void>((resolve) => {
            const u = new SpeechSynthesisUtterance(words.text);
            u.voice = sys;
            u.lang = lang;
            u.volume = voice.current.volume / 100;
            u.onend = () => resolve();
            u.onerror = () => resolve();
            speechSynthesis.speak(u);
          });
        });
      }),
    [bridge, i18n.language],
  );

  if (!said) return null;
  return (
    <Paper
      shadow="lg"
      radius="lg"
      p="sm"
      withBorder
      bg="green.0"
      style={{ position: 'fixed', top: 70, right: 16, zIndex: 400, maxWidth: 420 }}
      role="status"
      aria-live="polite"
      data-testid="announcement"
      data-clips={said.clips.join(' ')}
      data-lang={said.lang}
      data-how={said.how}
      data-kind={said.kind}
    >
      <Group wrap="nowrap" align="flex-start">
        <IconVolume size={26} />
        <Text fw={700} size="lg" data-testid="announcement-text">
          {said.text}
        </Text>
        <CloseButton size="lg" aria-label={t('cards.closeCaption')} onClick={() => setSaid(null)} />
      </Group>
    </Paper>
  );
}
