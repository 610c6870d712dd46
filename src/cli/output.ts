/** Terminal output: colors only on a TTY, never with NO_COLOR or --no-color. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
  readonly color: boolean;
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

export function makeOutput(opts: { color?: boolean } = {}): Output {
  const color = opts.color !== false && !process.env.NO_COLOR && Boolean(process.stdout.isTTY);
  const wrap = (code: number, reset: number) => (s: string) => (color ? `\x1b[${code}m${s}\x1b[${reset}m` : s);
  return {
    color,
    out: (line) => process.stdout.write(line + "\n"),
    err: (line) => process.stderr.write(line + "\n"),
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39),
  };
}
