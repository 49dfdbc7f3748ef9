// Compile JSON Schemas with Ajv (draft 2020-12) in its strictest mode, as a vendor's
// strict validator would, and say which it refuses.
//
//   node compile.js SCHEMA_FILE...
//
// Every strict option is on (strict, strictSchema, strictNumbers, strictTypes,
// strictTuples, strictRequired) and a warning is an error too. The files are
// compiled together, so a $ref between them resolves offline. Prints one line
// per file: "ok FILE" or "FAIL FILE: why". Exit 2 on a usage error.
"use strict";
const fs = require("fs");
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");

const files = process.argv.slice(2);
if (!files.length) {
  console.error("usage: node compile.js SCHEMA_FILE...");
  process.exit(2);
}
const warnings = [];
const logger = {
  log() {},
  warn: (...args) => warnings.push(args.join(" ")),
  error: (...args) => warnings.push(args.join(" ")),
};
const ajv = new Ajv2020({
  strict: true,
  strictSchema: true,
  strictNumbers: true,
  strictTypes: true,
  strictTuples: true,
  strictRequired: true,
  allErrors: true,
  unicodeRegExp: true,
  validateFormats: true,
  logger,
});
addFormats(ajv);
const schemas = files.map((file) => JSON.parse(fs.readFileSync(file, "utf8")));
const out = [];
schemas.forEach((schema, i) => {
  try {
    ajv.addSchema(schema);
  } catch (err) {
    out[i] = `FAIL ${files[i]}: ${err.message}`;
  }
});
schemas.forEach((schema, i) => {
  if (out[i]) return;
  warnings.length = 0;
  try {
    ajv.getSchema(schema.$id) || ajv.compile(schema);
    out[i] = warnings.length ? `FAIL ${files[i]}: ${warnings.join(" | ")}` : `ok ${files[i]}`;
  } catch (err) {
    out[i] = `FAIL ${files[i]}: ${err.message}`;
  }
});
process.stdout.write(out.join("\n") + "\n");
