import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import './app/app.css';
import { Center, MantineProvider, Text, createTheme } from '@mantine/core';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import type { PosBridge } from '../../src-main/api/contract';
import { App } from './app/App';
import { CustomerDisplay } from './screens/shop/CustomerDisplay';
import { createWebSocketBridge, takeToken } from './bridge/ws-bridge';
import './i18n';

const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif',
});

/** The customer-facing display is the same renderer opened with ?display=customer (a second window, another tab); read before the token is taken from the address. */
const CUSTOMER_DISPLAY = new URLSearchParams(window.location.search).get('display') === 'customer';

/**
 * Under Electron the preload has put window.posBridge in place; in a plain browser the
 * same bridge is made over the browser host's WebSocket. The app cannot tell which.
 */
function Root() {
  const { t } = useTranslation();
  const [connected, setConnected] = useState(true);
  const [bridge] = useState<PosBridge | null>(() => {
    if (window.posBridge) return window.posBridge;
    const token = takeToken();
    return token ? createWebSocketBridge(token, (state) => setConnected(state === 'open')) : null;
  });
  useEffect(() => {
    document.title = t('app.name');
  }, [t]);
  if (!bridge) {
    return (
      <Center h="100vh">
        <Text role="alert">{t('app.noBridge')}</Text>
      </Center>
    );
  }
  if (CUSTOMER_DISPLAY) return <CustomerDisplay bridge={bridge} />;
  return <App bridge={bridge} connected={connected} />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <Root />
    </MantineProvider>
  </StrictMode>,
);
