/** A result object as the `--json` output prints it: two-space indent, a final newline. */
export function formatJson(x: unknown): string {
  return JSON.stringify(x, null, 2) + '\n';
}
