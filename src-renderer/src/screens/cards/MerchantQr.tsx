import { Anchor, Card, Group, Image, Stack, Text } from '@mantine/core';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The merchant's own QR code (its phone page on the platform), for the member to scan and pay. */
export function MerchantQr({ name, url }: { name: string; url: string }) {
  const { t } = useTranslation();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => void QRCode.toDataURL(url, { margin: 1, width: 160 }).then(setSrc, () => setSrc(null)), [url]);
  return (
    <Card withBorder radius="lg" p="sm" data-testid="merchant-qr">
      <Group wrap="nowrap">
        {src && <Image src={src} w={120} h={120} alt={t('cards.qrAlt', { name })} />}
        <Stack gap={2}>
          <Text fw={700}>{name}</Text>
          <Text size="sm" c="dimmed">
            {t('cards.qrHint')}
          </Text>
          <Anchor href={url} target="_blank" size="sm" data-testid="merchant-phone-url">
            {url}
          </Anchor>
        </Stack>
      </Group>
    </Card>
  );
}
