// `npm run build`: compiles the bot to plain JavaScript in dist/ (tsconfig.build.json rewrites the `.ts`
// import extensions to `.js`), so production runs `node dist/main.js` without tsx. Migrations are ordinary
// imported modules and compile with the rest; the FAQ data is read from files at run time, so it is copied.
import { execFileSync } from "node:child_process";
import { cpSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const root = join(import.meta.dirname, "..");
const outDir = join(root, "dist");
// The package exports no bin path; its package.json locates it.
const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin/tsc");

// A clean output: a module deleted from the sources must not live on in dist/.
rmSync(outDir, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
cpSync(join(root, "faq/data"), join(outDir, "faq/data"), { recursive: true });
process.stdout.write(`Built ${outDir}; run it with: node dist/main.js\n`);
