/** The vendor-managed inventory domain's part of the storage boundary. */

export interface InventoryRepo {}
