import { CATEGORIES, CATEGORY_IDS, type CategoryId } from "../../flows/categories/index.ts";
import { engineMessages as t } from "./engine.messages.ts";
import type { OutboundChoice, OutboundMessage } from "./message.types.ts";

const CATEGORY_CHOICE_PREFIX = "kategori:";

export const MENU_CHOICES: OutboundChoice[] = CATEGORY_IDS.map((id) => ({
  value: `${CATEGORY_CHOICE_PREFIX}${id}`,
  label: CATEGORIES[id].form.title,
}));

/** The choice value that opens a category's form. */
export const categoryChoice = (id: CategoryId) => `${CATEGORY_CHOICE_PREFIX}${id}`;

export function menuMessage(text: string = t.menuTitle): OutboundMessage {
  return { text, choices: MENU_CHOICES };
}

/** The category a menu choice names: a pressed button, its number, or its title typed out. */
export function chosenCategory(value: string): CategoryId | undefined {
  const byValue = MENU_CHOICES.find((c) => c.value === value);
  if (byValue) return byValue.value.slice(CATEGORY_CHOICE_PREFIX.length) as CategoryId;
  const typed = value.trim().toLowerCase();
  const byNumber = /^\d+$/.test(typed) ? MENU_CHOICES[Number(typed) - 1] : undefined;
  const byTitle = MENU_CHOICES.find((c) => c.label.toLowerCase() === typed);
  const match = byNumber ?? byTitle;
  return match ? (match.value.slice(CATEGORY_CHOICE_PREFIX.length) as CategoryId) : undefined;
}
