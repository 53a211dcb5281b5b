#!/usr/bin/env node
// Entry of `npx switchyard`: Node 22.18+ runs the TypeScript modules directly.
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
