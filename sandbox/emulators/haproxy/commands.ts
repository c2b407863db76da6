// One runtime-API command against the emulated state, answered with HAProxy 2.6's exact text.

import type { EmulatedBackend } from './backend';
import { helpText, unknownCommandText } from './help-text';
import type { AdminState, EmulatedServer } from './server';
import { showBackend, showInfo } from './show-info';
import { showServersState } from './show-servers-state';
import { showStat } from './show-stat';
import type { HaproxyState } from './state';

export type CommandResult = { kind: 'output'; text: string } | { kind: 'prompt' } | { kind: 'quit' };

const out = (text: string): CommandResult => ({ kind: 'output', text });

const SET_SERVER_USAGE =
  'usage: set server <backend>/<server> addr | agent | agent-addr | agent-port | agent-send | check-addr | check-port | fqdn | health | ssl | state | weight\n';

export function runCommand(state: HaproxyState, words: string[]): CommandResult {
  const [a = '', b = '', c = ''] = words;
  if (a === 'prompt') return { kind: 'prompt' };
  if (a === 'quit') return { kind: 'quit' };
  if (a === 'help') return out(helpText());
  if (a === 'show' && b === 'stat') return out(showStat(state, words.slice(2)));
  if (a === 'show' && b === 'info') return out(showInfo(state));
  if (a === 'show' && b === 'backend') return out(showBackend(state));
  if (a === 'show' && b === 'servers' && c === 'state') return out(showServersState(state, words[3]));
  if (a === 'get' && b === 'weight') return out(getWeight(state, words[2]));
  if (a === 'set' && b === 'weight') return out(setWeight(state, words[2], words[3]));
  if (a === 'set' && b === 'server') return out(setServer(state, words.slice(2)));
  if ((a === 'enable' || a === 'disable') && b === 'server')
    return out(setAdmin(state, words[2], a === 'enable' ? 'ready' : 'maint'));
  return out(unknownCommandText(words));
}

type Lookup = { backend: EmulatedBackend; server: EmulatedServer } | { error: string };

function lookup(state: HaproxyState, arg: string | undefined): Lookup {
  const slash = arg?.indexOf('/') ?? -1;
  if (!arg || slash < 0) return { error: "Require 'backend/server'.\n" };
  const backend = state.backend(arg.slice(0, slash));
  if (!backend) return { error: 'No such backend.\n' };
  const server = backend.server(arg.slice(slash + 1));
  if (!server) return { error: 'No such server.\n' };
  return { backend, server };
}

function getWeight(state: HaproxyState, arg: string | undefined): string {
  const found = lookup(state, arg);
  if ('error' in found) return found.error;
  return `${found.server.uweight} (initial ${found.server.iweight})\n`;
}

function setWeight(state: HaproxyState, arg: string | undefined, weight: string | undefined): string {
  const found = lookup(state, arg);
  if ('error' in found) return found.error;
  const parsed = parseWeight(weight ?? '', found.server.iweight);
  if (typeof parsed === 'string') return parsed;
  state.setWeight(found.backend, found.server, parsed);
  return '';
}

/** server_parse_weight_change_request() of HAProxy 2.6, messages included (two of them lack the newline). */
export function parseWeight(text: string, initial: number): number | string {
  if (text === '') return 'Require <weight> or <weight%>.\n';
  const match = /^\s*([+-]?\d+)(.*)$/.exec(text);
  if (!match) return 'Empty weight string empty or preceded by garbage';
  let weight = Number.parseInt(match[1] ?? '', 10);
  const rest = match[2] ?? '';
  if (rest === '%') {
    if (weight < 0) return 'Relative weight must be positive.\n';
    weight = Math.floor((initial * Math.min(weight, 25600)) / 100);
    return Math.min(weight, 256);
  }
  if (weight < 0 || weight > 256) return 'Absolute weight can only be between 0 and 256 inclusive.\n';
  if (rest !== '') return 'Trailing garbage in weight string';
  return weight;
}

function setServer(state: HaproxyState, args: string[]): string {
  const found = lookup(state, args[0]);
  if ('error' in found) return found.error;
  const [, field = '', value] = args;
  if (field === 'weight') {
    const parsed = parseWeight(value ?? '', found.server.iweight);
    if (typeof parsed === 'string') return parsed;
    state.setWeight(found.backend, found.server, parsed);
    return '';
  }
  if (field === 'state') {
    if (value !== 'ready' && value !== 'drain' && value !== 'maint')
      return "'set server <srv> state' expects 'ready', 'drain' and 'maint'.\n";
    state.setAdmin(found.backend, found.server, value);
    return '';
  }
  const known = ['addr', 'agent', 'agent-addr', 'agent-port', 'agent-send', 'check-addr', 'check-port', 'fqdn', 'health', 'ssl'];
  if (known.includes(field)) return `The Switchyard sandbox does not emulate 'set server ... ${field}'.\n`;
  return SET_SERVER_USAGE;
}

function setAdmin(state: HaproxyState, arg: string | undefined, admin: AdminState): string {
  const found = lookup(state, arg);
  if ('error' in found) return found.error;
  state.setAdmin(found.backend, found.server, admin);
  return '';
}
