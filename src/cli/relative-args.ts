/** "-1" is a revision identifier, not an option: hide such arguments from the option parser. */
const MARK = "\u0000rel:";

export function protectRelative(argv: readonly string[]): string[] {
  return argv.map((a) => (/^-\d+$/.test(a) ? MARK + a : a));
}

export function unprotect(arg: string): string {
  return arg.startsWith(MARK) ? arg.slice(MARK.length) : arg;
}
