/** The marketing funds domain's part of the storage boundary. */

export interface FundRepo {}
