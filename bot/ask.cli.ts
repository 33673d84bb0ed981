/**
 * For FAQ maintainers and tests: `npm run --silent ask -- "<message>"` prints one JSON line
 * {"intent", "faq": [{"id", "score"}], "clarify"?, "reply"} where intent is the best candidate, "clarify" lists
 * the candidate ids when the bot would ask a clarifying question instead of acting on it, and reply is
 * exactly the first message the bot would send to that message as the first message of a new chat.
 * `--stdin` reads one message per line.
 */
import { createInterface } from "node:readline";
import { pino } from "pino";
import { openDatabase } from "../db/index.ts";
import { loadFaqData } from "../faq/faq-data.ts";
import { CATEGORY_IDS } from "../flows/categories/index.ts";
import { createConversationEngine } from "./engine/conversation-engine.ts";
import { createFaqRouting } from "./engine/faq-routing.ts";

async function main(args: string[]): Promise<number> {
  const fromStdin = args.includes("--stdin");
  const message = args.filter((a) => a !== "--stdin").join(" ");
  if (!fromStdin && message.trim() === "") {
    process.stderr.write(
      'Usage: npm run --silent ask -- "<message>"   or   npm run --silent ask -- --stdin\n',
    );
    return 2;
  }
  // A throwaway database: each message is judged as the first message of a fresh chat, and nothing is kept.
  const database = await openDatabase(":memory:");
  const routing = createFaqRouting(loadFaqData({ categoryIds: CATEGORY_IDS }));
  const engine = createConversationEngine({ db: database.db, routing, logger: pino({ level: "silent" }) });
  let count = 0;

  async function ask(text: string): Promise<void> {
    count += 1;
    const route = routing.route(text);
    const replies = await engine.handle({
      channel: "ask",
      chatId: `ask-${count}`,
      userId: `ask-${count}`,
      messageId: String(count),
      content: { kind: "text", text },
    });
    const line = {
      intent: route.intent,
      faq: route.faq.map((m) => ({ id: m.id, score: Number(m.score.toFixed(4)) })),
      ...(route.clarify ? { clarify: route.clarify } : {}),
      reply: replies[0]?.text ?? "",
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }

  if (fromStdin) {
    for await (const line of createInterface({ input: process.stdin, terminal: false })) await ask(line);
  } else {
    await ask(message);
  }
  await database.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
