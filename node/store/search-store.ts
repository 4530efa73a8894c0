/**
 * Finding records by what people remember of them: a partner's name, a lead's or a deal's
 * company, a service request's subject, an order's number. The staff console's search box asks
 * the admin API's GET /search, which asks this.
 */

export const SEARCH_KINDS = ['partner', 'lead', 'deal', 'request', 'order'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export interface SearchQuery {
  /** Matched anywhere in the searched fields, letters in any case. */
  text: string;
  kinds: readonly SearchKind[];
  /** Most hits per kind, newest first. */
  limit: number;
}

export interface SearchHit {
  kind: SearchKind;
  /** The record's id in the admin API (a row number, or a lead's id). */
  id: string;
  /** What the hit is called: the name, company, subject or order number. */
  title: string;
  /** The record's own id on the wire, or the partner's node id. */
  ref: string;
  status: string | null;
}

export interface SearchRepo {
  find(query: SearchQuery): Promise<SearchHit[]>;
}
