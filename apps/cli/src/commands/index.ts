import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { createCompareCommand } from './compare.js';
import { createDemoCommand } from './demo.js';
import { createEvalCommand } from './eval.js';
import { createMergeCommand } from './merge.js';

/**
 * The sub-commands, in help order. Adding a sub-command = one file in this folder plus one line here.
 */
export const commandFactories: readonly ((context: CliContext) => Command)[] = [
  createEvalCommand,
  createMergeCommand,
  createCompareCommand,
  createDemoCommand,
];
