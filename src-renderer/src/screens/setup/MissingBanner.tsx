import { Alert, Button, Group, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../../src-main/api/contract';
import type { Status } from './StoreSteps';

/** On the home screen: what the store still has to set up before it can sell (a manager gets the way there). */
export function MissingBanner({ status, isManager, onContinue }: { status: Status; isManager: boolean; onContinue(): void }) {
  const { t, i18n } = useTranslation();
  if (status.missing.length === 0) return null;
  return (
    <Alert color="orange" variant="light" title={t('storeSetup.missingTitle')} data-testid="setup-missing">
      <Group justify="space-between" align="flex-end">
        <List size="sm">
          {status.missing.map((m) => (
            <List.Item key={m.code}>{m.message[i18n.language as Locale]}</List.Item>
          ))}
        </List>
        {isManager && (
          <Button size="lg" color="orange" onClick={onContinue}>
            {t('storeSetup.continue')}
          </Button>
        )}
      </Group>
    </Alert>
  );
}
