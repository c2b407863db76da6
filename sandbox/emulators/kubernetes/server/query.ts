// Query parameters as the API server reads them: booleans by Go's strconv.ParseBool ("true", "True", "1", "t", …),
// which is what lets clients that print booleans their own way (Python's "True") watch.

const TRUE = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);

export function queryBool(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  return value !== null && TRUE.has(value);
}
