import { expect, test } from "vitest";
import { CATEGORY_IDS as FAQ_CATEGORY_IDS } from "../../faq/faq-data.ts";
import { CATEGORIES, CATEGORY_IDS } from "../../flows/categories/index.ts";

// faq/ and flows/ may not import each other, so each keeps the list; this keeps them equal.
test("the FAQ router and the forms know the same categories", () => {
  expect([...FAQ_CATEGORY_IDS].sort()).toEqual([...CATEGORY_IDS].sort());
  expect(Object.keys(CATEGORIES).sort()).toEqual([...CATEGORY_IDS].sort());
});
