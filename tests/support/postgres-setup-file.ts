import { afterAll } from "vitest";
import { releaseFileDatabases } from "./test-database.ts";

// A database asked for outside a test (in beforeAll) serves the whole file; it is released after it.
afterAll(releaseFileDatabases);
