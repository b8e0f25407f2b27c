import { AppShell, Center, Loader } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PosBridge, StaffInfo } from '../../../src-main/api/contract';
import { createClient, subscribe } from '../bridge/client';
import { setLang } from '../i18n';
import { attachWedge } from '../devices/wedge';
import { ErrorAlert } from '../components/ErrorAlert';
import { StatusBar } from '../components/StatusBar';
import { TopBar } from '../components/TopBar';
import { HomeScreen, type Screen } from '../screens/HomeScreen';
import { SetupScreen } from '../screens/SetupScreen';
import { SignInScreen } from '../screens/SignInScreen';
import { StaffScreen } from '../screens/StaffScreen';
import { LockerScreen } from '../screens/lockers/LockerScreen';
import { FuelScreen } from '../screens/fuel/FuelScreen';
import { DevicesScreen } from '../screens/devices/DevicesScreen';
import { ReceiptsScreen } from '../screens/receipts/ReceiptsScreen';
import { SyncScreen } from '../screens/sync/SyncScreen';
import { MilesScreen } from '../screens/miles/MilesScreen';
import { CardsScreen } from '../screens/cards/CardsScreen';
import { Announcer } from '../components/Announcer';
import { SettlementScreen } from '../screens/settlement/SettlementScreen';
import { StoreSetupScreen } from '../screens/setup/StoreSetupScreen';
import { ShopScreen } from '../screens/shop/ShopScreen';
import { PosContext, type SystemInfo } from './pos-context';
import { rememberScreen, resumeSession, screenFor, useResumeToken } from './session-resume';

export function App({ bridge, connected }: { bridge: PosBridge; connected: boolean }) {
  const pos = useMemo(() => createClient(bridge), [bridge]);
  const [info, setInfo] = useState<SystemInfo | null>(null);
  const [needsSetup, setNeedsSetup] = useState<boolean | null>(null);
  const [staff, setStaff] = useState<StaffInfo | null>(null);
  const [screen, showScreen] = useState<Screen>('home');
  const setScreen = useCallback((s: Screen) => {
    showScreen(s);
    rememberScreen(staff?.id, s);
  }, [staff]);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => Promise.all([pos.system.info(), pos.staff.setupStatus(), pos.staff.current()]), [pos]);
  const apply = useCallback(([i, s, current]: Awaited<ReturnType<typeof load>>) => {
    setInfo(i);
    setNeedsSetup(s.needsSetup);
    setStaff(current.staff);
  }, []);
  const refreshInfo = useCallback(() => load().then(apply), [load, apply]);

  useEffect(() => {
    // A reloaded window first trades its resume token in, so it starts signed in.
    resumeSession(pos).then(load).then(apply, setError);
  }, [pos, load, apply]);
  useResumeToken(pos, staff);

  useEffect(
    () =>
      subscribe(bridge, 'session.changed', (p) => {
        setStaff(p.staff);
        // A resumed session comes back to the screen it was on; anyone else starts at home.
        showScreen(screenFor(p.staff));
      }),
    [bridge],
  );

  // Keyboard-wedge card readers and scanners type fast bursts ending in Enter: caught here,
  // for signed-in staff only, and handed to main as card taps or scans.
  useEffect(() => {
    if (!staff) return;
    return attachWedge(window, (burst) => void pos.devices.wedge({ kind: burst.kind, text: burst.text }).catch(() => {}));
  }, [pos, staff]);

  // The store's language applies until someone on this screen picks another.
  useEffect(() => {
    if (info && !localStorage.getItem('pos.lang')) setLang(info.settings.locale);
  }, [info]);

  if (error) return <Center h="100vh"><ErrorAlert error={error} /></Center>;
  if (!info || needsSetup === null) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }

  let body: React.ReactNode;
  // The first manager goes on to the store setup guide.
  if (needsSetup) body = <SetupScreen onDone={() => void refreshInfo().then(() => showScreen('storeSetup'))} />;
  else if (!staff) body = <SignInScreen />;
  else if (screen === 'staff') body = <StaffScreen back={() => setScreen('home')} />;
  else if (screen === 'devices') body = <DevicesScreen back={() => setScreen('home')} />;
  else if (screen === 'lockers') body = <LockerScreen back={() => setScreen('home')} />;
  else if (screen === 'fuel') body = <FuelScreen back={() => setScreen('home')} />;
  else if (screen === 'receipts') body = <ReceiptsScreen back={() => setScreen('home')} />;
  else if (screen === 'sync') body = <SyncScreen back={() => setScreen('home')} />;
  else if (screen === 'miles') body = <MilesScreen back={() => setScreen('home')} />;
  else if (screen === 'settlement') body = <SettlementScreen back={() => setScreen('home')} openReceipts={() => setScreen('receipts')} />;
  else if (screen === 'storeSetup') body = <StoreSetupScreen back={() => setScreen('home')} openDevices={() => setScreen('devices')} />;
  else if (screen === 'cards') body = <CardsScreen back={() => setScreen('home')} />;
  else if (screen === 'shop') body = <ShopScreen back={() => setScreen('home')} />;
  else if (screen === 'coupons') body = <ShopScreen back={() => setScreen('home')} couponsOnly />;
  else body = <HomeScreen open={setScreen} />;

  return (
    <PosContext.Provider value={{ pos, bridge, info, staff, connected, refreshInfo }}>
      <AppShell header={{ height: 60 }} footer={{ height: 32 }} padding={0}>
        <AppShell.Header>
          <TopBar />
        </AppShell.Header>
        <AppShell.Main h="100vh" bg="var(--mantine-color-gray-0)">
          {body}
          {staff && <Announcer />}
        </AppShell.Main>
        <AppShell.Footer>
          <StatusBar />
        </AppShell.Footer>
      </AppShell>
    </PosContext.Provider>
  );
}
