/** The vendor-managed inventory domain's tables. Times are integer milliseconds (UTC), amounts decimal TEXT. */
export {};
