// Test helper: talks to an HAProxy runtime API (real or emulated) like a client does.

import { createConnection, type NetConnectOpts } from 'node:net';

export type CliAddress = { host: string; port: number } | { path: string };

/** Default mode: one line, read until the server closes. */
export function cliRequest(address: CliAddress, line: string, timeoutMs = 3000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(address as NetConnectOpts);
    let data = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to "${line}" within ${timeoutMs} ms (got ${JSON.stringify(data)})`));
    }, timeoutMs);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${line}\n`));
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(data);
    });
  });
}

/** Interactive mode: sends each line after the previous answer's prompt; resolves with every answer and whether it closed. */
export function cliConversation(address: CliAddress, lines: string[], timeoutMs = 3000): Promise<{ answers: string[]; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(address as NetConnectOpts);
    const answers: string[] = [];
    let pending = '';
    let index = 0;
    let closed = false;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`conversation stalled after ${answers.length} answers (pending ${JSON.stringify(pending)})`));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ answers, closed });
    };
    const sendNext = () => {
      if (index >= lines.length) return finish();
      socket.write(`${lines[index++]}\n`);
    };
    socket.setEncoding('utf8');
    socket.on('connect', sendNext);
    socket.on('data', (chunk: string) => {
      pending += chunk;
      if (pending.endsWith('> ')) {
        answers.push(pending);
        pending = '';
        sendNext();
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      closed = true;
      if (pending) answers.push(pending);
      finish();
    });
  });
}
