// One-shot run of four_line.squiggle with 100,000 samples (sampleCount in the environment), printing its summary.
// Usage: node benchmarks/squiggle/run.mjs [SQUIGGLE_DIR]  (the folder whose node_modules holds @quri/squiggle-lang)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const folder = process.argv[2] || process.env.SQUIGGLE_DIR || join(here, "..", "..", "bench-deps");
const entry = createRequire(join(folder, "package.json")).resolve("@quri/squiggle-lang");
const { run, defaultEnvironment } = await import(pathToFileURL(entry).href);

const code = readFileSync(join(here, "four_line.squiggle"), "utf8");
const samples = Number(process.env.SAMPLE_COUNT || 100000);
const output = await run(code, { environment: { ...defaultEnvironment, sampleCount: samples, xyPointLength: 1000 } });
if (!output.result.ok) {
  console.error(output.result.value.toString());
  process.exit(1);
}
console.log(output.result.value.result.toString());
