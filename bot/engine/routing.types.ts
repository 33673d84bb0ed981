/** What the engine needs from the FAQ: routing of free text and the answer of an entry. */
export interface FaqRouting {
  route(text: string): { intent: string; faq: ReadonlyArray<{ id: string; score: number }> };
  entry(id: string): FaqAnswer | undefined;
}

export interface FaqAnswer {
  id: string;
  answer: string;
  link?: string;
  /** The form that solves the problem when the answer alone does not. */
  categoryId?: string;
}
