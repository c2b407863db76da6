// Turns a zod validation failure into one sentence an operator (or a script author) can act on.

import type { z } from 'zod';

export function describeInvalid(what: string, error: z.ZodError): string {
  const details = error.issues
    .slice(0, 5)
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.map(String).join('.') : null;
      return where ? `${where}: ${issue.message}` : issue.message;
    })
    .join('; ');
  return `Invalid ${what}: ${details}`;
}
