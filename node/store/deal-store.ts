/** The deal registration domain's part of the storage boundary. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DealRepo {}
