/**
 * A value built on first use, then kept. The PostgreSQL store builds its repos for every unit of
 * work (each unit is its own transaction, and a prepared statement is bound to the transaction it
 * was made on), and most units use one or two repos: building every repo's prepared statements up
 * front cost more CPU than the statements the unit ran (the bench's PostgreSQL rows).
 */
export function onFirstUse<T>(build: () => T): () => T {
  let value: { built: T } | null = null;
  return () => (value ??= { built: build() }).built;
}
