/**
 * Where sst's own arguments end in `sst bind <command...>`. SST v1 documented `sst bind -- <cmd>`,
 * but `sst bind vitest run --watch` is also accepted: the first word after `bind` that is not one
 * of sst's flags starts the command, and everything from it on is the command's, its flags
 * included. {@link separateBoundCommand} writes the "--" the user left out, so the argument parser
 * never takes the command's `--watch` (or `--stage`) for sst's.
 * @module
 */

/** sst's flags that take a value in the next word (`--stage dev`); the others are switches. */
const FLAGS_WITH_VALUE = new Set(["--stage", "--region", "--profile"])

/** `argv` (without node and the script) with "--" before the command of `sst bind`, if missing. */
export function separateBoundCommand(argv: readonly string[]): string[] {
  const bind = firstWord(argv, 0)
  if (bind === undefined || argv[bind] !== "bind") return [...argv]
  const command = firstWord(argv, bind + 1)
  if (command === undefined || argv[command] === "--") return [...argv]
  return [...argv.slice(0, command), "--", ...argv.slice(command)]
}

/** Index of the first word from `start` that is not a flag nor a flag's value ("--" counts as a word). */
function firstWord(argv: readonly string[], start: number): number | undefined {
  for (let i = start; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === "--" || !arg.startsWith("-")) return i
    if (FLAGS_WITH_VALUE.has(arg)) i++
  }
  return undefined
}
