/** The orders domain's part of the storage boundary. */

export interface OrderRepo {}
