/** The leads domain's part of the storage boundary. */

/** A lead offered to a partner other than the one registering a deal, for the conflict rule. */
export interface LeadCustomerConflict {
  leadId: string;
  partnerId: number;
}

export interface LeadRepo {
  /**
   * Leads this node owns that are offered (open offer or accepted) to partners other than
   * `exceptPartnerId`, whose end customer matches by domain or by normalized company name (see
   * node/records/normalize-customer.ts) and whose interest shares at least one product.
   * Deal registration calls it to detect conflicts.
   */
  findCustomerConflicts(input: {
    domain: string | null;
    normalizedName: string;
    products: string[];
    exceptPartnerId: number;
  }): Promise<LeadCustomerConflict[]>;
}
