package org.carerota.api.shared.graphql;

/**
 * Stable codes in {@code extensions.code} of GraphQL errors. Clients branch on these, never on
 * message text.
 */
public enum ErrorCode {
    /** The record was changed by someone else since it was read: reload and retry. */
    STALE_VERSION,
    /** The change would break a database rule (a duplicate, a dangling reference). */
    CONFLICT,
    /** The input is malformed or out of range; the message names the field. */
    INVALID_INPUT,
    /** The record does not exist or is not visible to the caller. */
    NOT_FOUND,
    /** The caller may not do this. */
    FORBIDDEN,
    /** The request needs a valid access token. */
    UNAUTHORIZED,
    /** The query is too deep or selects too many fields (aliases count). */
    QUERY_TOO_COMPLEX,
    /** Too many mutations in a short time by one user: wait and retry. */
    RATE_LIMITED
}
