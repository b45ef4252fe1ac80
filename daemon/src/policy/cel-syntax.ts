/**
 * Plain words for a condition that does not parse. The CEL library's parser backtracks, so its
 * message often names the wrong token (`found . but expecting end of input` for a string that is
 * never closed). This reader runs only after the library has refused an expression: it tokenises
 * and parses CEL's grammar itself and says what is wrong where it really is. When it finds nothing,
 * the library's own message is used. Pure.
 */

export interface SyntaxProblem {
  /** 0-based, inside the expression */
  offset: number;
  message: string;
}

type TokenKind = 'ident' | 'number' | 'string' | 'op' | 'end';
interface Token {
  kind: TokenKind;
  text: string;
  offset: number;
}

const TWO_CHAR_OPS = ['||', '&&', '==', '!=', '<=', '>='];
const ONE_CHAR_OPS = '<>!-+*/%?:.,()[]{}';
const BINARY = new Set(['||', '&&', '==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', 'in']);
const CLOSING: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

class Stop extends Error {
  constructor(readonly problem: SyntaxProblem) {
    super(problem.message);
  }
}

/**
 * What is wrong with `source`, in words, at the offending token. `columnOf` turns an offset into
 * the column the user sees (in the policy file); by default the column inside the expression.
 */
export function explainSyntaxError(
  source: string,
  columnOf: (offset: number) => number = (offset) => offset + 1,
): SyntaxProblem | undefined {
  const at = (offset: number) => `column ${columnOf(offset)}`;
  const stop = (offset: number, message: string): never => {
    throw new Stop({ offset, message });
  };
  try {
    const tokens = tokenize(source, at, stop);
    new Reader(tokens, at, stop).expression();
    return undefined;
  } catch (error) {
    if (error instanceof Stop) return error.problem;
    return undefined;
  }
}

function tokenize(
  source: string,
  at: (offset: number) => string,
  stop: (offset: number, message: string) => never,
): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (source.startsWith('//', i)) {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    const prefix = /^(?:[rR][bB]?|[bB][rR]?)?(?=["'])/.exec(source.slice(i, i + 3))?.[0] ?? '';
    const quoteAt = i + prefix.length;
    const quote = source[quoteAt];
    if (quote === '"' || quote === "'") {
      const raw = /r/i.test(prefix);
      const triple = source.startsWith(quote.repeat(3), quoteAt);
      const close = triple ? quote.repeat(3) : quote;
      let j = quoteAt + close.length;
      for (;;) {
        if (j >= source.length || (!triple && (source[j] === '\n' || source[j] === '\r')))
          stop(
            quoteAt,
            `unterminated string starting at ${at(quoteAt)}: the ${close === quote ? `\`${quote}\`` : `\`${close}\``} there is never closed`,
          );
        if (!raw && source[j] === '\\') {
          j += 2;
          continue;
        }
        if (source.startsWith(close, j)) break;
        j++;
      }
      j += close.length;
      tokens.push({ kind: 'string', text: source.slice(i, j), offset: i });
      i = j;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i, i + 256));
    if (ident) {
      tokens.push({ kind: ident[0] === 'in' ? 'op' : 'ident', text: ident[0], offset: i });
      i += ident[0].length;
      continue;
    }
    const number =
      /^(?:0[xX][0-9a-fA-F]+[uU]?|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?[uU]?|\.\d+(?:[eE][+-]?\d+)?)/.exec(
        source.slice(i, i + 256),
      );
    if (number) {
      tokens.push({ kind: 'number', text: number[0], offset: i });
      i += number[0].length;
      continue;
    }
    const two = source.slice(i, i + 2);
    if (TWO_CHAR_OPS.includes(two)) {
      tokens.push({ kind: 'op', text: two, offset: i });
      i += 2;
      continue;
    }
    if (ONE_CHAR_OPS.includes(c)) {
      tokens.push({ kind: 'op', text: c, offset: i });
      i++;
      continue;
    }
    const hint: Record<string, string> = {
      '=': '; to compare, write `==`',
      '&': '; for "and", write `&&`',
      '|': '; for "or", write `||`',
      '`': '; strings are quoted with `\'` or `"`',
    };
    stop(i, `unexpected character \`${c}\` at ${at(i)}${hint[c] ?? ''}`);
  }
  tokens.push({ kind: 'end', text: '', offset: source.length });
  return tokens;
}

/** A recursive-descent reader of CEL's grammar that only checks (it builds nothing). */
class Reader {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly at: (offset: number) => string,
    private readonly stop: (offset: number, message: string) => never,
  ) {}

  private get token(): Token {
    return this.tokens[this.index]!;
  }

  /** The token now (a method, so the compiler does not carry a narrowed `token` across calls). */
  private current(): Token {
    return this.tokens[this.index]!;
  }

  private describe(token: Token): string {
    return token.kind === 'end'
      ? 'the end of the condition'
      : `\`${token.text}\` at ${this.at(token.offset)}`;
  }

  expression(): void {
    this.conditional();
    const token = this.token;
    if (token.kind === 'end') return;
    if (token.text === ')' || token.text === ']' || token.text === '}')
      this.stop(
        token.offset,
        `\`${token.text}\` at ${this.at(token.offset)} has no matching opening bracket`,
      );
    const before = this.tokens[this.index - 1]!;
    this.stop(
      token.offset,
      `${this.describe(token)} follows \`${before.text}\` with no operator between them (\`&&\`, \`||\`, \`==\`, \`in\`…)`,
    );
  }

  private conditional(): void {
    this.binary(0);
    if (this.token.text === '?') {
      const question = this.token;
      this.index++;
      this.operand(question);
      this.binary(0);
      const after = this.current();
      if (after.text !== ':')
        this.stop(
          after.offset,
          `the \`?\` at ${this.at(question.offset)} needs a \`:\` and a second value; found ${this.describe(after)}`,
        );
      const colon = this.token;
      this.index++;
      this.operand(colon);
      this.conditional();
    }
  }

  /** A chain of binary operators (precedence does not matter for checking). */
  private binary(_level: number): void {
    this.unary();
    while (this.token.kind === 'op' && BINARY.has(this.token.text)) {
      const operator = this.token;
      this.index++;
      this.operand(operator);
      this.unary();
    }
  }

  /** After an operator, a value must follow. */
  private operand(operator: Token): void {
    const token = this.token;
    const startsValue =
      token.kind === 'ident' ||
      token.kind === 'number' ||
      token.kind === 'string' ||
      ['(', '[', '{', '!', '-', '.'].includes(token.text);
    if (!startsValue)
      this.stop(
        token.kind === 'end' ? operator.offset : token.offset,
        token.kind === 'end'
          ? `the condition ends after \`${operator.text}\` at ${this.at(operator.offset)}: a value is missing after it`
          : `a value is missing after \`${operator.text}\` at ${this.at(operator.offset)}; found ${this.describe(token)}`,
      );
  }

  private unary(): void {
    while (this.token.text === '!' || this.token.text === '-') {
      const operator = this.token;
      this.index++;
      this.operand(operator);
    }
    this.member();
  }

  private member(): void {
    this.primary();
    for (;;) {
      const token = this.token;
      if (token.text === '.') {
        this.index++;
        const name = this.token;
        if (name.kind !== 'ident')
          this.stop(
            name.kind === 'end' ? token.offset : name.offset,
            `a field or method name is missing after the \`.\` at ${this.at(token.offset)}; found ${this.describe(name)}`,
          );
        this.index++;
        if (this.token.text === '(') this.list(')', 'argument');
      } else if (token.text === '[') {
        this.bracket(() => this.conditional(), ']');
      } else if (token.text === '{' && this.tokens[this.index - 1]?.kind === 'ident') {
        this.list('}', 'field');
      } else return;
    }
  }

  private primary(): void {
    const token = this.token;
    if (token.kind === 'ident') {
      this.index++;
      if (this.token.text === '(') this.list(')', 'argument');
      return;
    }
    if (token.kind === 'number' || token.kind === 'string') {
      this.index++;
      return;
    }
    if (token.text === '.' && this.tokens[this.index + 1]?.kind === 'ident') {
      this.index++;
      return this.primary();
    }
    if (token.text === '(') return this.bracket(() => this.conditional(), ')');
    if (token.text === '[') return this.list(']', 'item');
    if (token.text === '{') return this.list('}', 'entry');
    if (token.kind === 'end')
      this.stop(token.offset, 'the condition is empty or ends too early: a value is missing');
    if (token.text === ')' || token.text === ']' || token.text === '}')
      this.stop(token.offset, `\`${token.text}\` at ${this.at(token.offset)} comes where a value should be`);
    this.stop(token.offset, `a value is expected at ${this.at(token.offset)}, not \`${token.text}\``);
  }

  /** `( … )` around one expression. */
  private bracket(inner: () => void, close: string): void {
    const opening = this.token;
    this.index++;
    inner();
    this.expectClose(opening, close);
  }

  /** `( a, b )`, `[a, b]`, `{k: v, …}`: comma-separated, a trailing comma allowed in lists and maps. */
  private list(close: string, what: string): void {
    const opening = this.token;
    this.index++;
    let first = true;
    while (this.token.text !== close) {
      if (this.token.text === ',') {
        this.stop(
          this.token.offset,
          first
            ? `an ${what} is missing before the \`,\` at ${this.at(this.token.offset)}`
            : `an ${what} is missing between the two commas (the second at ${this.at(this.token.offset)})`,
        );
      }
      if (this.token.kind === 'end') break;
      this.conditional();
      if (what === 'entry' || what === 'field') {
        if (this.token.text !== ':')
          this.stop(
            this.token.offset,
            `\`:\` expected after the ${what === 'entry' ? 'key' : 'field name'}; found ${this.describe(this.token)}`,
          );
        this.index++;
        this.conditional();
      }
      first = false;
      if (this.token.text !== ',') break;
      const comma = this.token;
      this.index++;
      if (this.current().text === close && close === ')')
        this.stop(comma.offset, `an argument is missing after the \`,\` at ${this.at(comma.offset)}`);
    }
    this.expectClose(opening, close);
  }

  private expectClose(opening: Token, close: string): void {
    const token = this.token;
    if (token.text === close) {
      this.index++;
      return;
    }
    if (token.kind === 'end')
      this.stop(
        opening.offset,
        `the \`${opening.text}\` at ${this.at(opening.offset)} is never closed (\`${CLOSING[opening.text]}\` missing)`,
      );
    if (token.text === ')' || token.text === ']' || token.text === '}')
      this.stop(
        token.offset,
        `\`${token.text}\` at ${this.at(token.offset)} does not close the \`${opening.text}\` at ${this.at(opening.offset)} (expected \`${close}\`)`,
      );
    this.stop(
      token.offset,
      `${this.describe(token)}: expected \`${close}\` to close the \`${opening.text}\` at ${this.at(opening.offset)}, or an operator`,
    );
  }
}
