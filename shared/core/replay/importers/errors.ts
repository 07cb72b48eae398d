/** A source file that cannot be turned into a trace; the message names the line. */
export class ImportFormatError extends Error {
  override readonly name = 'ImportFormatError';
}
