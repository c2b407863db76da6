// The command list of HAProxy 2.6.12 at level admin, verbatim, and the messages built from it.

const USAGE: readonly string[] = [
  '  abort ssl ca-file <cafile>              : abort a transaction for a CA file',
  '  abort ssl cert <certfile>               : abort a transaction for a certificate file',
  '  abort ssl crl-file <crlfile>            : abort a transaction for a CRL file',
  '  add acl [@<ver>] <acl> <pattern>        : add an acl entry',
  '  add map [@<ver>] <map> <key> <val>      : add a map entry (payload supported instead of key/val)',
  '  add server <bk>/<srv>                   : create a new server',
  '  add ssl crt-list <list> <cert> [opts]*  : add to crt-list file <list> a line <cert> or a payload',
  '  clear acl [@<ver>] <acl>                : clear the contents of this acl',
  '  clear counters [all]                    : clear max statistics counters (or all counters)',
  '  clear map [@<ver>] <map>                : clear the contents of this map',
  '  clear table <table> [<filter>]*         : remove an entry from a table (filter: data/key)',
  '  commit acl @<ver> <acl>                 : commit the ACL at this version',
  '  commit map @<ver> <map>                 : commit the map at this version',
  '  commit ssl ca-file <cafile>             : commit a CA file',
  '  commit ssl cert <certfile>              : commit a certificate file',
  '  commit ssl crl-file <crlfile>           : commit a CRL file',
  '  del acl <acl> [<key>|#<ref>]            : delete acl entries matching <key>',
  '  del map <map> [<key>|#<ref>]            : delete map entries matching <key>',
  '  del server <bk>/<srv>                   : remove a dynamically added server',
  '  del ssl ca-file <cafile>                : delete an unused CA file',
  '  del ssl cert <certfile>                 : delete an unused certificate file',
  '  del ssl crl-file <crlfile>              : delete an unused CRL file',
  '  del ssl crt-list <list> <cert[:line]>   : delete a line <cert> from crt-list file <list>',
  '  disable agent                           : disable agent checks',
  '  disable dynamic-cookie backend <bk>     : disable dynamic cookies on a specific backend',
  '  disable frontend <frontend>             : temporarily disable specific frontend',
  '  disable health                          : disable health checks',
  '  disable server (DEPRECATED)             : disable a server for maintenance (use \'set server\' instead)',
  '  enable agent                            : enable agent checks',
  '  enable dynamic-cookie backend <bk>      : enable dynamic cookies on a specific backend',
  '  enable frontend <frontend>              : re-enable specific frontend',
  '  enable health                           : enable health checks',
  '  enable server  (DEPRECATED)             : enable a disabled server (use \'set server\' instead)',
  '  get acl <acl> <value>                   : report the patterns matching a sample for an ACL',
  '  get map <acl> <value>                   : report the keys and values matching a sample for a map',
  '  get var <name>                          : retrieve contents of a process-wide variable',
  '  get weight <bk>/<srv>                   : report a server\'s current weight',
  '  new ssl ca-file <cafile>                : create a new CA file to be used in a crt-list',
  '  new ssl cert <certfile>                 : create a new certificate file to be used in a crt-list or a directory',
  '  new ssl crlfile <crlfile>               : create a new CRL file to be used in a crt-list',
  '  operator                                : lower the level of the current CLI session to operator',
  '  prepare acl <acl>                       : prepare a new version for atomic ACL replacement',
  '  prepare map <acl>                       : prepare a new version for atomic map replacement',
  '  set dynamic-cookie-key backend <bk> <k> : change a backend secret key for dynamic cookies',
  '  set map <map> [<key>|#<ref>] <value>    : modify a map entry',
  '  set maxconn frontend <frontend> <value> : change a frontend\'s maxconn setting',
  '  set maxconn global <value>              : change the per-process maxconn setting',
  '  set maxconn server <bk>/<srv>           : change a server\'s maxconn setting',
  '  set profiling <what> {auto|on|off}      : enable/disable resource profiling (tasks,memory)',
  '  set rate-limit <setting> <value>        : change a rate limiting value',
  '  set server <bk>/<srv> [opts]            : change a server\'s state, weight, address or ssl',
  '  set severity-output [none|number|string]: set presence of severity level in feedback information',
  '  set ssl ca-file <cafile> <payload>      : replace a CA file',
  '  set ssl cert <certfile> <payload>       : replace a certificate file',
  '  set ssl crl-file <crlfile> <payload>    : replace a CRL file',
  '  set ssl ocsp-response <resp|payload>    : update a certificate\'s OCSP Response from a base64-encode DER',
  '  set ssl tls-key [id|file] <key>         : set the next TLS key for the <id> or <file> listener to <key>',
  '  set table <table> key <k> [data.* <v>]* : update or create a table entry\'s data',
  '  set timeout [cli] <delay>               : change a timeout setting',
  '  set weight <bk>/<srv>  (DEPRECATED)     : change a server\'s weight (use \'set server\' instead)',
  '  show acl [@<ver>] <acl>]                : report available acls or dump an acl\'s contents',
  '  show activity                           : show per-thread activity stats (for support/developers)',
  '  show backend                            : list backends in the current running config',
  '  show cache                              : show cache status',
  '  show cli level                          : display the level of the current CLI session',
  '  show cli sockets                        : dump list of cli sockets',
  '  show env [var]                          : dump environment variables known to the process',
  '  show errors [<px>] [request|response]   : report last request and/or response errors for each proxy',
  '  show events [<sink>] [-w] [-n]          : show event sink state',
  '  show fd [num]                           : dump list of file descriptors in use or a specific one',
  '  show info [desc|json|typed|float]*      : report information about the running process',
  '  show libs                               : show loaded object files and libraries',
  '  show map [@ver] [map]                   : report available maps or dump a map\'s contents',
  '  show peers [dict|-] [section]           : dump some information about all the peers or this peers section',
  '  show pools                              : report information about the memory pools usage',
  '  show profiling [<what>|<#lines>|byaddr]*: show profiling state (all,status,tasks,memory)',
  '  show resolvers [id]                     : dumps counters from all resolvers section and associated name servers',
  '  show schema json                        : report schema used for stats',
  '  show servers conn [<backend>]           : dump server connections status (all or for a single backend)',
  '  show servers state [<backend>]          : dump volatile server information (all or for a single backend)',
  '  show sess [id]                          : report the list of current sessions or dump this exact session',
  '  show ssl ca-file [<cafile>[:<index>]]   : display the SSL CA files used in memory, or the details of a <cafile>, or a single certificate of index <index> of a CA file <cafile>',
  '  show ssl cert [<certfile>]              : display the SSL certificates used in memory, or the details of a file',
  '  show ssl crl-file [<crlfile[:<index>>]] : display the SSL CRL files used in memory, or the details of a <crlfile>, or a single CRL of index <index> of CRL file <crlfile>',
  '  show ssl crt-list [-n] [<list>]         : show the list of crt-lists or the content of a crt-list file <list>',
  '  show ssl ocsp-response [id]             : display the IDs of the OCSP responses used in memory, or the details of a single OCSP response',
  '  show ssl providers                      : show loaded SSL providers',
  '  show startup-logs                       : report logs emitted during HAProxy startup',
  '  show stat [desc|json|no-maint|typed|up]*: report counters for each proxy and server',
  '  show table <table> [<filter>]*          : report table usage stats or dump this table\'s contents (filter: data/key)',
  '  show tasks                              : show running tasks',
  '  show threads                            : show some threads debugging information',
  '  show tls-keys [id|*]                    : show tls keys references or dump tls ticket keys when id specified',
  '  show trace [<module>]                   : show live tracing state',
  '  show version                            : show version of the current process',
  '  shutdown frontend <frontend>            : stop a specific frontend',
  '  shutdown session [id]                   : kill a specific session',
  '  shutdown sessions server <bk>/<srv>     : kill sessions on a server',
  '  trace [<module>|0] [cmd [args...]]      : manage live tracing (empty to list, 0 to stop all)',
  '  user                                    : lower the level of the current CLI session to user',
];

const ALWAYS: readonly string[] = [
  '  help [<command>]                        : list matching or all commands',
  '  prompt                                  : toggle interactive mode with prompt',
  '  quit                                    : disconnect',
];

const MAX_MATCHES = 5;

/** `help`: every command valid at level admin. */
export function helpText(): string {
  return `The following commands are valid at this level:\n${[...USAGE, ...ALWAYS].join('\n')}\n`;
}

/** HAProxy's answer to an unknown (or empty) command line: the closest commands, or all of them. */
export function unknownCommandText(words: string[]): string {
  if (words.length === 0) {
    return `Unknown command. Please enter one of the following commands only:\n${[...USAGE, ...ALWAYS].join('\n')}\n`;
  }
  return `Unknown command, but maybe one of the following ones is a better match:\n${[...closest(words), ...ALWAYS].join('\n')}\n`;
}

function keywordsOf(usage: string): string[] {
  const words: string[] = [];
  for (const word of usage.split(':')[0]?.trim().split(/\s+/) ?? []) {
    if (/^[[<{(]/.test(word)) break;
    words.push(word);
  }
  return words;
}

// Same idea as HAProxy's make_word_fingerprint(): counts of letter pairs, compared word by word.
function fingerprint(word: string): Map<number, number> {
  const fp = new Map<number, number>();
  const classOf = (c: string): number => (/[a-z]/.test(c) ? c.charCodeAt(0) - 96 : /[0-9]/.test(c) ? 27 : 28);
  let from = 28;
  for (const c of word.toLowerCase()) {
    const to = classOf(c);
    fp.set(from * 32 + to, (fp.get(from * 32 + to) ?? 0) + 1);
    from = to;
  }
  fp.set(from * 32 + 28, (fp.get(from * 32 + 28) ?? 0) + 1);
  return fp;
}

function distance(a: string, b: string): number {
  const fa = fingerprint(a);
  const fb = fingerprint(b);
  let d = 0;
  for (const key of new Set([...fa.keys(), ...fb.keys()])) d += Math.abs((fa.get(key) ?? 0) - (fb.get(key) ?? 0));
  return d;
}

function closest(words: string[]): string[] {
  const entries = USAGE.map((usage) => ({ usage, keywords: keywordsOf(usage) }));
  let matched = 0;
  for (const { keywords } of entries) {
    let i = 0;
    while (i < keywords.length && i < words.length && keywords[i] === words[i]) i++;
    matched = Math.max(matched, i);
  }
  const scored: { usage: string; dist: number }[] = [];
  for (const { usage, keywords } of entries) {
    if (keywords.slice(0, matched).join(' ') !== words.slice(0, matched).join(' ')) continue;
    let dist = 0;
    let length = 0;
    for (let i = matched; i < keywords.length && i < words.length; i++) {
      dist += distance(words[i] ?? '', keywords[i] ?? '');
      length += (words[i] ?? '').length + (keywords[i] ?? '').length;
    }
    if (length > 0) scored.push({ usage, dist: (dist * 100) / length });
  }
  scored.sort((a, b) => a.dist - b.dist);
  const best = scored[0]?.dist ?? 0;
  return scored
    .slice(0, MAX_MATCHES)
    .filter((s) => s.dist <= (5 * best) / 2)
    .map((s) => s.usage);
}
