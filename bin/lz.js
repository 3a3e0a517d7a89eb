#!/usr/bin/env node
// Entry of `npx lz`: the CLI bundle written by `npm run build` (run on `npm ci` by the prepare script).
"use strict";
const path = require("path");
const fs = require("fs");
// `lz api add-table | add-coordinator` load a small bundle of their own (a third of a second less).
const editing = process.argv[2] === "api" && ["add-table", "add-coordinator"].includes(process.argv[3]);
const bundle = path.join(__dirname, "..", "build", "cli", editing ? "lzApiEdit.js" : "lz.js");
if (!fs.existsSync(bundle)) {
  process.stderr.write("lz: the CLI is not built yet: run `npm run build` in " + path.dirname(__dirname) + "\n");
  process.exit(2);
}
require(bundle)
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write("lz: unexpected error: " + ((err && err.stack) || err) + "\n");
      process.exitCode = 1;
    },
  );
