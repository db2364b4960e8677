package org.carerota.api.shared.database;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Who a database transaction acts for. Every transaction hands these to PostgreSQL as
 * transaction-local settings ({@code set_config(..., true)}) so that row-level security policies
 * can see them: {@code carerota.user}, {@code carerota.role}, {@code carerota.organisation_id},
 * {@code carerota.carer_id}.
 *
 * @param user who, for the audit log
 * @param role ADMIN, COORDINATOR, CARER, COMMISSIONER, or SYSTEM for the platform's own work
 *     (start-up loading, solver workers)
 * @param organisationId the caller's organisation, if any
 * @param carerId the carer the caller is, if a carer
 */
public record TenantContext(String user, String role, @Nullable UUID organisationId, @Nullable UUID carerId) {

    /** The platform itself: demo loading at start-up, background jobs. */
    public static final TenantContext SYSTEM = new TenantContext("system", "SYSTEM", null, null);
}
