/**
 * A one-line SQL comment for an offline script. Text from revision files (messages) must not
 * end the comment early: a newline in it would turn the rest into statements.
 */
export function sqlComment(text: string): string {
  return `-- ${text.replace(/[\r\n\u2028\u2029]+/g, " ")}`;
}
