import { Alert, Button, Group, List, Stack, Stepper, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../../src-main/api/contract';
import { usePos } from '../../app/pos-context';
import { subscribe } from '../../bridge/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ScreenHeader } from '../../components/ScreenHeader';
import { CatalogStep } from './CatalogStep';
import { FuelStep } from './FuelStep';
import { LockersStep } from './LockersStep';
import { DevicesStep, StoreDetailsStep, WorkflowsStep, type Status } from './StoreSteps';

type Step = Status['steps'][number];
const STEP_KEY = 'pos.storeSetup.step';

/**
 * The first-run guide, and the manager's store setup afterwards: store details, workflows,
 * devices, then the set-up of each workflow the venue uses. It can be left at any step and
 * resumed: it opens at the step it was left on, and lists what is still missing.
 */
export function StoreSetupScreen({ back, openDevices }: { back(): void; openDevices(): void }) {
  const { t, i18n } = useTranslation();
  const { pos, bridge } = usePos();
  const [status, setStatus] = useState<Status | null>(null);
  const [step, setStepState] = useState<Step>(() => (sessionStorage.getItem(STEP_KEY) as Step | null) ?? 'store');
  const [error, setError] = useState<unknown>(null);
  const lang = i18n.language as Locale;

  const setStep = (s: Step) => {
    sessionStorage.setItem(STEP_KEY, s);
    setStepState(s);
  };
  const reload = useCallback(() => pos.setup.status().then(setStatus, setError), [pos]);
  useEffect(() => {
    void reload();
  }, [reload]);
  useEffect(() => subscribe(bridge, 'setup.changed', () => void reload()), [bridge, reload]);

  if (!status) return <ErrorAlert error={error} />;
  const steps = status.steps;
  const index = Math.max(0, steps.indexOf(step));
  const current = steps[index]!;
  const go = (i: number) => setStep(steps[Math.min(Math.max(i, 0), steps.length - 1)]!);
  const saved = (s: Status) => {
    setStatus(s);
    const next = s.steps[s.steps.indexOf(current) + 1];
    if (next) setStep(next);
  };
  const missingHere = status.missing.filter((m) => m.step === current);

  return (
    <Stack p="md" gap="sm">
      <ScreenHeader title={t('storeSetup.title')} back={back}>
        <Button variant="default" size="md" onClick={back}>
          {t('storeSetup.leave')}
        </Button>
      </ScreenHeader>
      <Stepper active={index} onStepClick={go} size="sm" iconSize={44} allowNextStepsSelect>
        {steps.map((s) => (
          <Stepper.Step key={s} label={t(`storeSetup.steps.${s}`)} data-testid={`guide-step-${s}`} color={status.missing.some((m) => m.step === s) ? 'orange' : 'teal'} />
        ))}
      </Stepper>
      {missingHere.length > 0 && (
        <Alert color="orange" variant="light" data-testid="guide-missing">
          <List size="sm">
            {missingHere.map((m) => (
              <List.Item key={m.code}>{m.message[lang]}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <div data-testid={`guide-${current}`}>
        {current === 'store' && <StoreDetailsStep status={status} onSaved={saved} />}
        {current === 'workflows' && <WorkflowsStep status={status} onSaved={saved} />}
        {current === 'devices' && <DevicesStep openDevices={openDevices} />}
        {current === 'lockers' && <LockersStep onChanged={() => void reload()} />}
        {current === 'catalog' && <CatalogStep onChanged={() => void reload()} />}
        {current === 'fuel' && <FuelStep onChanged={() => void reload()} />}
      </div>
      <Group justify="space-between">
        <Button size="lg" variant="default" disabled={index === 0} onClick={() => go(index - 1)}>
          {t('storeSetup.previous')}
        </Button>
        {status.missing.length === 0 && (
          <Text c="teal" fw={600}>
            {t('storeSetup.allDone')}
          </Text>
        )}
        {index < steps.length - 1 ? (
          <Button size="lg" onClick={() => go(index + 1)} data-testid="guide-next">
            {t('storeSetup.next')}
          </Button>
        ) : (
          <Button size="lg" onClick={back} data-testid="guide-finish">
            {t('storeSetup.finish')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
