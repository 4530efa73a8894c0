/** The service, warranty and shared-services domain's part of the storage boundary. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ServiceRepo {}
