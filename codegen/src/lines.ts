/**
 * Generated source as whole lines, indented two spaces a level: all the emitters ask of a code
 * writer. Loading ts-morph for it cost each generate process a second copy of TypeScript.
 */
export class Lines {
  private readonly parts: string[] = [];
  private depth = 0;

  /** Text as it is (a banner that ends with its own newline). */
  raw(text: string): this {
    this.parts.push(text);
    return this;
  }

  line(text = ''): this {
    this.parts.push(text ? `${'  '.repeat(this.depth)}${text}\n` : '\n');
    return this;
  }

  indent(block: () => void): this {
    this.depth++;
    try {
      block();
    } finally {
      this.depth--;
    }
    return this;
  }

  toString(): string {
    return this.parts.join('');
  }
}
