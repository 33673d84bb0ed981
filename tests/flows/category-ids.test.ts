import { expect, test } from "vitest";
import { loadFaqData } from "../../faq/faq-data.ts";
import { CATEGORIES, CATEGORY_IDS } from "../../flows/categories/index.ts";

// flows/ owns the list of categories; bot/ hands it to faq/, whose data must cover exactly these forms.
test("the FAQ data has examples for exactly the forms' categories, and every form is registered", () => {
  const data = loadFaqData({ categoryIds: CATEGORY_IDS });
  expect(data.categoryIds).toEqual(CATEGORY_IDS);
  expect(Object.keys(data.intents).sort()).toEqual([...CATEGORY_IDS].sort());
  expect(Object.keys(CATEGORIES).sort()).toEqual([...CATEGORY_IDS].sort());
});
