// The runtime API's text protocol: one line of `;`-separated commands, or an interactive session after `prompt`.

import { runCommand } from './commands';
import type { HaproxyState } from './state';

/** Splits a request line on unescaped `;` and each command on unescaped blanks (HAProxy's `\` escaping). */
export function parseLine(line: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] ?? '';
    if (ch === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (ch === ';') {
      endWord();
      commands.push(words);
      words = [];
    } else if (ch === ' ' || ch === '\t') {
      endWord();
    } else if (ch !== '\r') {
      word += ch;
      inWord = true;
    }
  }
  endWord();
  commands.push(words);
  return commands;
}

/** One client connection: feed it bytes, write what it returns, close when it says so. */
export class CliSession {
  private buffer = '';
  private interactive = false;
  private closed = false;

  constructor(private readonly state: HaproxyState) {}

  get isClosed(): boolean {
    return this.closed;
  }

  feed(chunk: string): { output: string; close: boolean } {
    if (this.closed) return { output: '', close: true };
    this.buffer += chunk;
    let output = '';
    let newline = this.buffer.indexOf('\n');
    while (newline >= 0 && !this.closed) {
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + 1);
      output += this.runLine(line);
      // Without `prompt`, HAProxy answers one line and closes.
      if (!this.interactive) this.closed = true;
      newline = this.buffer.indexOf('\n');
    }
    return { output, close: this.closed };
  }

  private runLine(line: string): string {
    let output = '';
    for (const words of parseLine(line)) {
      const result = runCommand(this.state, words);
      if (result.kind === 'quit') {
        this.closed = true;
        return output;
      }
      if (result.kind === 'prompt') this.interactive = !this.interactive;
      else output += result.text;
      output += this.interactive ? '\n> ' : '\n';
    }
    return output;
  }
}
