import { describe, expect, it } from 'vitest';
import { WorldClock } from '../../sandbox/emulators/clock';
import { runCommand, parseWeight } from '../../sandbox/emulators/haproxy/commands';
import { CliSession, parseLine } from '../../sandbox/emulators/haproxy/protocol';
import { HaproxyState } from '../../sandbox/emulators/haproxy/state';

function world() {
  let wall = 1_000_000;
  const clock = new WorldClock({ epochMs: wall, wallNow: () => wall });
  const state = new HaproxyState({
    clock,
    backends: [
      {
        name: 'be_app',
        servers: [
          { name: 'app-1.0.0-1', addr: '10.0.0.1', port: 8080, weight: 100 },
          { name: 'app-1.1.0-1', addr: '10.0.0.2', port: 8080, weight: 0 },
        ],
      },
    ],
  });
  return { state, advance: (ms: number) => (wall += ms) };
}

const text = (state: HaproxyState, line: string) => {
  const result = runCommand(state, parseLine(line)[0] ?? []);
  return result.kind === 'output' ? result.text : result.kind;
};

describe('runtime API line parsing', () => {
  it('splits commands on ; and words on blanks, honouring backslash escapes', () => {
    expect(parseLine('show stat; get weight be/s1')).toEqual([['show', 'stat'], ['get', 'weight', 'be/s1']]);
    expect(parseLine('  set  server be/s1\tstate drain  ')).toEqual([['set', 'server', 'be/s1', 'state', 'drain']]);
    expect(parseLine('set map x a\\;b')).toEqual([['set', 'map', 'x', 'a;b']]);
    expect(parseLine('a;;b')).toEqual([['a'], [], ['b']]);
  });
});

describe('weight parsing (server_parse_weight_change_request)', () => {
  it('accepts absolute and relative weights like HAProxy', () => {
    expect(parseWeight('10', 0)).toBe(10);
    expect(parseWeight('50%', 100)).toBe(50);
    expect(parseWeight('50%', 0)).toBe(0);
    expect(parseWeight('300%', 100)).toBe(256);
  });
  it('answers with the real error strings', () => {
    expect(parseWeight('300', 100)).toBe('Absolute weight can only be between 0 and 256 inclusive.\n');
    expect(parseWeight('-1', 100)).toBe('Absolute weight can only be between 0 and 256 inclusive.\n');
    expect(parseWeight('abc', 100)).toBe('Empty weight string empty or preceded by garbage');
    expect(parseWeight('12abc', 100)).toBe('Trailing garbage in weight string');
    expect(parseWeight('', 100)).toBe('Require <weight> or <weight%>.\n');
    expect(parseWeight('-5%', 100)).toBe('Relative weight must be positive.\n');
  });
});

describe('commands', () => {
  it('reads and changes weights, with HAProxy lookup errors', () => {
    const { state } = world();
    expect(text(state, 'get weight be_app/app-1.1.0-1')).toBe('0 (initial 0)\n');
    expect(text(state, 'set weight be_app/app-1.1.0-1 10')).toBe('');
    expect(text(state, 'get weight be_app/app-1.1.0-1')).toBe('10 (initial 0)\n');
    expect(text(state, 'set server be_app/app-1.0.0-1 weight 50%')).toBe('');
    expect(text(state, 'get weight be_app/#1')).toBe('50 (initial 100)\n');
    expect(text(state, 'get weight be_app/nope')).toBe('No such server.\n');
    expect(text(state, 'get weight nope/x')).toBe('No such backend.\n');
    expect(text(state, 'get weight be_app')).toBe("Require 'backend/server'.\n");
    expect(text(state, 'set server be_app/app-1.0.0-1 state sleepy')).toBe(
      "'set server <srv> state' expects 'ready', 'drain' and 'maint'.\n",
    );
    expect(text(state, 'set server be_app/app-1.0.0-1 colour blue')).toMatch(/^usage: set server <backend>\/<server> addr \|/);
  });

  it('shows drain and maint in show stat and show servers state', () => {
    const { state } = world();
    text(state, 'set server be_app/app-1.0.0-1 state drain');
    text(state, 'disable server be_app/app-1.1.0-1');
    const rows = text(state, 'show stat be_app 4 -1').split('\n');
    expect(rows[0]).toMatch(/^# pxname,svname,/);
    const cells = (row: string | undefined) => (row ?? '').split(',');
    expect(cells(rows[1])[17]).toBe('DRAIN');
    expect(cells(rows[1])[18]).toBe('100');
    expect(cells(rows[2])[17]).toBe('MAINT');
    expect(cells(rows[2])[36]).toBe('');
    const servers = text(state, 'show servers state be_app').split('\n');
    expect(servers[0]).toBe('1');
    expect(servers[2]?.split(' ').slice(0, 9)).toEqual(['3', 'be_app', '1', 'app-1.0.0-1', '10.0.0.1', '2', '8', '100', '100']);
    expect(servers[3]?.split(' ').slice(5, 7)).toEqual(['0', '1']);
    expect(text(state, 'show servers state nope')).toBe("Can't find backend.\n");
  });

  it('reports UP 1/3 after leaving maintenance until the next check passes', () => {
    const { state, advance } = world();
    text(state, 'set server be_app/app-1.0.0-1 state maint');
    text(state, 'set server be_app/app-1.0.0-1 state ready');
    expect(text(state, 'show stat be_app 4 1').split('\n')[1]?.split(',')[17]).toBe('UP 1/3');
    advance(2000);
    expect(text(state, 'show stat be_app 4 1').split('\n')[1]?.split(',')[17]).toBe('UP');
  });

  it('answers unknown and empty commands with HAProxy help text', () => {
    const { state } = world();
    expect(text(state, 'frobnicate now')).toMatch(/^Unknown command, but maybe one of the following ones is a better match:\n/);
    expect(text(state, '')).toMatch(/^Unknown command. Please enter one of the following commands only:\n {2}abort ssl ca-file/);
  });
});

describe('sessions', () => {
  it('default mode answers one line of commands, each followed by an empty line, then closes', () => {
    const { state } = world();
    const session = new CliSession(state);
    const { output, close } = session.feed('get weight be_app/app-1.0.0-1; set weight be_app/app-1.0.0-1 20\nshow info\n');
    expect(output).toBe('100 (initial 100)\n\n\n');
    expect(close).toBe(true);
  });

  it('waits for the end of the line', () => {
    const { state } = world();
    const session = new CliSession(state);
    expect(session.feed('get weig')).toEqual({ output: '', close: false });
    expect(session.feed('ht be_app/app-1.0.0-1\n')).toEqual({ output: '100 (initial 100)\n\n', close: true });
  });

  it('interactive mode prints the prompt after each command until quit', () => {
    const { state } = world();
    const session = new CliSession(state);
    expect(session.feed('prompt\n')).toEqual({ output: '\n> ', close: false });
    expect(session.feed('get weight be_app/app-1.0.0-1\n')).toEqual({ output: '100 (initial 100)\n\n> ', close: false });
    expect(session.feed('set weight be_app/app-1.0.0-1 5\n')).toEqual({ output: '\n> ', close: false });
    expect(session.feed('quit\n')).toEqual({ output: '', close: true });
  });

  it('prompt toggles: a second prompt leaves interactive mode and the line closes the session', () => {
    const { state } = world();
    const session = new CliSession(state);
    expect(session.feed('prompt; get weight be_app/app-1.0.0-1\nprompt\n')).toEqual({
      output: '\n> 100 (initial 100)\n\n> \n',
      close: true,
    });
  });
});
