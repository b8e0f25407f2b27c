import { Button, PasswordInput, SimpleGrid, Stack } from '@mantine/core';
import { IconBackspace } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * A PIN entry for touch and keyboard alike: big keys for a finger, and the field itself
 * takes typed digits, Backspace and Enter.
 */
export function PinPad(props: { value: string; onChange(v: string): void; onSubmit(): void; busy?: boolean; length?: number; submitLabel?: string }) {
  const { t } = useTranslation();
  const max = props.length ?? 8;
  const press = (d: string) => props.value.length < max && props.onChange(props.value + d);
  return (
    <Stack gap="md" align="center">
      <PasswordInput
        aria-label={t('signIn.enterPin')}
        placeholder={t('signIn.enterPin')}
        inputMode="numeric"
        autoComplete="off"
        size="xl"
        w={300}
        maxLength={max}
        visibilityToggleButtonProps={{ style: { display: 'none' } }}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value.replace(/\D/g, '').slice(0, max))}
        autoFocus
        onKeyDown={(e) => {
          if (e.key === 'Enter') props.onSubmit();
        }}
        styles={{ input: { textAlign: 'center', letterSpacing: '0.5em', fontSize: 28 } }}
      />
      <SimpleGrid cols={3} spacing="sm" w={300}>
        {KEYS.map((k) => (
          <Button key={k} size="xl" variant="default" onClick={() => press(k)} aria-label={k}>
            {k}
          </Button>
        ))}
        {/* Less side padding than the digit keys, so 清除 / Clear fits whole in a third of the pad. */}
        <Button size="xl" px={4} variant="subtle" color="gray" onClick={() => props.onChange('')}>
          {t('signIn.clear')}
        </Button>
        <Button size="xl" variant="default" onClick={() => press('0')} aria-label="0">
          0
        </Button>
        <Button size="xl" variant="subtle" color="gray" onClick={() => props.onChange(props.value.slice(0, -1))} aria-label="⌫">
          <IconBackspace />
        </Button>
      </SimpleGrid>
      <Button size="lg" w={300} onClick={props.onSubmit} loading={props.busy} disabled={props.value.length < 4}>
        {props.submitLabel ?? t('signIn.submit')}
      </Button>
    </Stack>
  );
}
