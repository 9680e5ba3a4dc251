#!/usr/bin/env node
/**
 * `npm run -s linkage:eval | node packages/linkage-eval/dist/cli/table.js`: the evaluation's lines
 * as the Markdown tables docs/linkage.md shows.
 */
import { readFileSync } from 'node:fs';
import { markdownTables } from '../table.js';

process.stdout.write(markdownTables(readFileSync(0, 'utf8').split('\n')));
