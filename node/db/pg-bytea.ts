/** PostgreSQL's byte string, read and written as a Buffer (SQLite's blob in buffer mode). */
import { customType } from 'drizzle-orm/pg-core';

export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});
