// The name checks of apimachinery's validation package, with its exact wording: DNS-1123 subdomains (object names,
// hosts), wildcard subdomains (`*.example.com`), DNS-1035 labels (Service names).

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const WILDCARD_SUBDOMAIN = /^\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** apimachinery's shape of each check: a length limit, then the pattern with its explanation. */
function problemsOf(value: string, maxLength: number, pattern: RegExp, explanation: string): string[] {
  const problems: string[] = [];
  if (value.length > maxLength) problems.push(`must be no more than ${maxLength} characters`);
  if (!pattern.test(value)) problems.push(explanation);
  return problems;
}

/** What IsDNS1123Subdomain says about `value` (nothing when it is one). */
export function dnsSubdomainProblems(value: string): string[] {
  return problemsOf(
    value,
    253,
    DNS_SUBDOMAIN,
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  );
}

/** What IsWildcardDNS1123Subdomain says about `value`. */
export function wildcardSubdomainProblems(value: string): string[] {
  return problemsOf(
    value,
    253,
    WILDCARD_SUBDOMAIN,
    "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  );
}

/** What IsDNS1035Label says about `value` (a Service's name). */
export function dnsLabel1035Problems(value: string): string[] {
  return problemsOf(
    value,
    63,
    DNS_LABEL_1035,
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
  );
}
