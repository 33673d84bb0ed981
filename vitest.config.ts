import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    teardownTimeout: 10_000,
    // The JSON report feeds the plain "N passed, N failed" line that .ci/run prints last.
    reporters: ["default", ["json", { outputFile: "reports/vitest.json" }]],
  },
});
