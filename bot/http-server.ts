import type { Server } from "node:http";

/** Starts listening; rejects when the port cannot be taken (in use, not allowed), so start-up fails loudly. */
export async function listen(server: Server, port: number, host?: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/** Stops taking connections and resolves once the open ones are gone (idle ones are closed at once). */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
