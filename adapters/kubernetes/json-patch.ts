// RFC 6902 operations, the default patch type of client-node (application/json-patch+json).

export type JsonPatchOp =
  | { op: 'add' | 'replace' | 'test'; path: string; value: unknown }
  | { op: 'remove'; path: string };
