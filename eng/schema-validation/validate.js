#!/usr/bin/env node
// Validates JSON files against one JSON Schema. The draft (04 or 07) is taken from the schema's $schema:
// function.json's official schema is draft-04, host.json's is draft-07, and ajv needs a different class for each.
//
//   node validate.js <schema.json> <file.json>...
//
// Prints a JSON array with one {"file", "valid", "errors"} per file. Exit code 0 when every file is valid,
// 1 when one is not, 2 on a usage error or an unreadable schema.
'use strict';

const fs = require('fs');
const Ajv07 = require('ajv').default;
const Ajv04 = require('ajv-draft-04').default;

function readJson(path) {
  return JSON.parse(fs.readFileSync(path, 'utf8'));
}

function main(args) {
  if (args.length < 2) {
    process.stderr.write('usage: node validate.js <schema.json> <file.json>...\n');
    return 2;
  }
  let schema;
  try {
    schema = readJson(args[0]);
  } catch (error) {
    process.stderr.write(`cannot read schema ${args[0]}: ${error.message}\n`);
    return 2;
  }
  const draft = String(schema.$schema || '');
  const Ajv = draft.includes('draft-04') ? Ajv04 : draft.includes('draft-07') ? Ajv07 : null;
  if (Ajv === null) {
    process.stderr.write(`unsupported $schema "${draft}" in ${args[0]} (expected draft-04 or draft-07)\n`);
    return 2;
  }
  // strict: false because SchemaStore's schemas use constructs that are valid JSON Schema but that ajv's strict
  // mode refuses (e.g. "properties" without "type": "object"); validation itself is unaffected.
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);

  const results = args.slice(1).map((file) => {
    let data;
    try {
      data = readJson(file);
    } catch (error) {
      return { file, valid: false, errors: [{ instancePath: '', message: `not readable JSON: ${error.message}` }] };
    }
    const valid = validate(data) === true;
    const errors = (validate.errors || []).map((e) => ({
      instancePath: e.instancePath,
      schemaPath: e.schemaPath,
      message: e.message,
      params: e.params,
    }));
    return { file, valid, errors: valid ? [] : errors };
  });
  process.stdout.write(JSON.stringify(results) + '\n');
  return results.every((r) => r.valid) ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
