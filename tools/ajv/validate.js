// Validate JSON values against the published SCDS schemas with Ajv (draft 2020-12),
// an implementation independent of the Python library's own.
//
//   node validate.js SCHEMA_DIR INPUT
//
// SCHEMA_DIR: a folder of *.schema.json files (all loaded, so $refs resolve offline);
// INPUT: one JSON array per line, [SCHEMA_FILE, VALUE]: the value and the file of the
// schema to validate it against (entity.schema.json, dataset.schema.json...).
// Prints one line per value: "1", or "0" and the first error's instance path. Strict mode: a schema keyword Ajv does not know is
// an error, not something silently ignored. Exit 2 when a schema cannot be used.
"use strict";
const fs = require("fs");
const path = require("path");
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");

const [dir, input] = process.argv.slice(2);
if (!input) {
  console.error("usage: node validate.js SCHEMA_DIR INPUT");
  process.exit(2);
}
const ajv = new Ajv2020({ strict: true, allErrors: false, unicodeRegExp: true });
addFormats(ajv);
const ids = new Map(); // schema file -> $id
try {
  for (const file of fs.readdirSync(dir).sort()) {
    if (!file.endsWith(".json")) continue;
    const schema = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
    ajv.addSchema(schema);
    ids.set(file, schema.$id);
  }
  const out = [];
  for (const line of fs.readFileSync(input, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const [name, value] = JSON.parse(line);
    if (!ids.has(name)) throw new Error(`no ${name} in ${dir}`);
    const validate = ajv.getSchema(ids.get(name));
    if (validate(value)) out.push("1");
    else out.push(`0 ${validate.errors[0].instancePath || "/"}`);
  }
  process.stdout.write(out.join("\n") + "\n");
} catch (err) {
  console.error(String(err && err.message ? err.message : err));
  process.exit(2);
}
