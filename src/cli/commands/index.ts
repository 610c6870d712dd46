import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { register as branches } from "./branches.js";
import { register as check } from "./check.js";
import { register as init } from "./init.js";
import { register as merge } from "./merge.js";
import { register as migrate } from "./migrate.js";
import { register as pull } from "./pull.js";
import { register as revision } from "./revision.js";
import { register as show } from "./show.js";
import { register as status } from "./status.js";
import { register as test } from "./test.js";

/** Each command module adds its commands; one line per module here. */
export const COMMAND_MODULES: readonly ((program: Command, ctx: () => CliContext) => void)[] = [
  init,
  revision,
  migrate,
  status,
  show,
  branches,
  merge,
  check,
  test,
  pull,
];
