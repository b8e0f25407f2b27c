import { ActionIcon, Button, Card, Group, NumberInput, ScrollArea, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconMinus, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../src-main/api/contract';

export type ShopItem = MethodOutput<'shop.items'>[number];
export type PricedLine = MethodOutput<'shop.price'>['lines'][number];

/**
 * The cart: a field that takes a scanned or typed barcode (Enter) or filters the item buttons by
 * name, the item buttons, and the lines with −/+ and a typed quantity. Prices shown are main's.
 */
export function CartPanel({ items, lines, onAdd, onCode, onQuantity, money }: {
  items: ShopItem[];
  lines: PricedLine[];
  onAdd(itemId: string): void;
  onCode(code: string): void;
  onQuantity(itemId: string, quantity: number): void;
  money(minor: number): string;
}) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const name = (i: { nameZh: string; nameEn: string }) => (i18n.language.startsWith('zh') ? i.nameZh : i.nameEn || i.nameZh);
  const q = text.trim().toLowerCase();
  const shown = q ? items.filter((i) => i.nameZh.toLowerCase().includes(q) || i.nameEn.toLowerCase().includes(q) || (i.barcode ?? '').includes(q)) : items;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!q) return;
    const exact = items.find((i) => i.barcode === text.trim());
    if (exact) onAdd(exact.id);
    else if (shown.length === 1) onAdd(shown[0]!.id);
    else onCode(text.trim());
    setText('');
  }

  return (
    <Stack gap="sm">
      <Card withBorder radius="lg" p="sm" component="form" onSubmit={submit}>
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput size="md" style={{ flex: 1 }} label={t('shop.scanLabel')} placeholder={t('shop.scanPlaceholder')} value={text} onChange={(e) => setText(e.currentTarget.value)} data-testid="shop-code" />
          <Button size="md" type="submit" h={44}>
            {t('shop.add')}
          </Button>
        </Group>
        <ScrollArea.Autosize mah={150} mt="xs">
          <SimpleGrid cols={3} spacing={6} data-testid="shop-items">
            {shown.slice(0, 30).map((i) => (
              <Button key={i.id} variant="light" h={48} px={6} onClick={() => onAdd(i.id)} styles={{ label: { whiteSpace: 'normal', lineHeight: 1.15 } }}>
                {name(i)} {money(i.price)}
              </Button>
            ))}
          </SimpleGrid>
        </ScrollArea.Autosize>
      </Card>
      <Card withBorder radius="lg" p="sm">
        <Title order={4}>{t('shop.cart')}</Title>
        {lines.length === 0 ? (
          <Text c="dimmed" py="sm">
            {t('shop.empty')}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={260}>
            <Table verticalSpacing={4} data-testid="shop-cart">
              <Table.Tbody>
                {lines.map((l) => (
                  <Table.Tr key={l.itemId} data-testid={`shop-line-${l.itemId}`}>
                    <Table.Td>
                      <Text fw={600}>{name(l)}</Text>
                      <Text size="sm" c="dimmed">
                        {money(l.unitPrice)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <ActionIcon size={44} variant="default" aria-label={t('shop.less', { name: name(l) })} onClick={() => onQuantity(l.itemId, l.quantity - 1)}>
                          <IconMinus size={18} />
                        </ActionIcon>
                        <NumberInput
                          w={64}
                          size="md"
                          hideControls
                          min={1}
                          max={999}
                          allowDecimal={false}
                          allowNegative={false}
                          aria-label={t('shop.quantity')}
                          value={l.quantity}
                          onChange={(v) => typeof v === 'number' && v >= 1 && v <= 999 && onQuantity(l.itemId, v)}
                          data-testid="shop-qty"
                        />
                        <ActionIcon size={44} variant="default" aria-label={t('shop.more', { name: name(l) })} onClick={() => onQuantity(l.itemId, l.quantity + 1)}>
                          <IconPlus size={18} />
                        </ActionIcon>
                      </Group>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text fw={700}>{money(l.amount)}</Text>
                    </Table.Td>
                    <Table.Td w={52}>
                      <ActionIcon size={44} color="red" variant="subtle" aria-label={t('shop.remove', { name: name(l) })} onClick={() => onQuantity(l.itemId, 0)}>
                        <IconTrash size={18} />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        )}
      </Card>
    </Stack>
  );
}
