import { afterEach, beforeEach } from "vitest";
import type { NewTicket, OpenedDatabase } from "../../db/index.ts";
import { openTestDatabase } from "../support/test-database.ts";

export { openTestDatabase };

let counter = 0;

/** A valid new ticket; every call gets a distinct number unless overridden. */
export function sampleTicket(overrides: Partial<NewTicket> = {}): NewTicket {
  counter += 1;
  return {
    number: `T-${String(counter).padStart(5, "0")}`,
    category: "reset_password",
    channel: "telegram",
    chatId: "chat-1",
    userId: "user-1",
    applicantName: "Siti Aminah",
    nik: "3201234567890001",
    kk: "3201234567890002",
    answers: { email: "siti@example.com", nomor_hp: "081234567890" },
    ...overrides,
  };
}

/**
 * A fresh database for every test of the calling file: opened before each test, closed after.
 * `use` receives it so the file can keep its own `db` variable.
 */
export function useTestDatabase(use: (opened: OpenedDatabase) => void): void {
  let opened: OpenedDatabase | undefined;
  beforeEach(async () => {
    opened = await openTestDatabase();
    use(opened);
  });
  afterEach(async () => {
    await opened?.close();
  });
}
