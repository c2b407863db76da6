// PostgreSQL as the home of a service's schema phase (switchyard_migrations) and the contract gate's sessions.

export { describeDatabase } from './connection';
export { PostgresSchema, type PostgresSchemaOptions } from './schema-port';
