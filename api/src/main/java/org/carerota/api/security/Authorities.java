package org.carerota.api.security;

/**
 * {@code @PreAuthorize} expressions for controller methods. Every controller method carries one
 * (an ArchUnit rule checks it): there is no default access.
 *
 * <pre>{@code
 * @QueryMapping
 * @PreAuthorize(Authorities.STAFF)
 * Mono<Visit> visit(@Argument UUID id) { ... }
 * }</pre>
 *
 * Method security decides which kinds of caller reach a method; row-level security in
 * PostgreSQL decides which rows they then see.
 */
public final class Authorities {

    /** Administrators of an organisation. */
    public static final String ADMIN = "hasRole('ADMIN')";

    /** Coordinators and administrators: person-level data of their own organisation. */
    public static final String STAFF = "hasAnyRole('ADMIN', 'COORDINATOR')";

    /** Staff and carers (a carer's reads are narrowed to their own rows by the database). */
    public static final String STAFF_OR_CARER = "hasAnyRole('ADMIN', 'COORDINATOR', 'CARER')";

    /** Carers only: their own schedule, the sync protocol. */
    public static final String CARER = "hasRole('CARER')";

    /** Aggregates: commissioners and staff (never person-level data). */
    public static final String REPORTS = "hasAnyRole('ADMIN', 'COORDINATOR', 'COMMISSIONER')";

    /** Anyone signed in with a role (organisation names, areas, skills). */
    public static final String SIGNED_IN = "hasAnyRole('ADMIN', 'COORDINATOR', 'CARER', 'COMMISSIONER')";

    /** Open to everyone, even anonymous callers (the demo token endpoint). */
    public static final String ANYONE = "permitAll()";

    private Authorities() {}
}
