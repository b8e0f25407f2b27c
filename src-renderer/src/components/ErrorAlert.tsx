import { Alert, List } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PosApiError } from '../bridge/client';
import type { Locale } from '../../../src-main/api/contract';

/** A refused call, in the cashier's language, with the offending fields listed. Never a stack trace. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const lang = i18n.language as Locale;
  const api = error instanceof PosApiError ? error : null;
  const text = api ? api.localized(lang) : String((error as Error).message ?? error);
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle />} title={t('common.error')} role="alert" data-code={api?.code}>
      {text}
      {api?.data.fields && api.data.fields.length > 0 && (
        <List size="sm" mt={4}>
          {api.data.fields.map((f) => (
            <List.Item key={f.path}>{f.message[lang] ?? f.message.en}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
