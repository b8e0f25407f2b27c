import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGS, setLang, type Lang } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('lang.label')}
      value={i18n.language}
      onChange={(v) => setLang(v as Lang)}
      data={LANGS.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
    />
  );
}
