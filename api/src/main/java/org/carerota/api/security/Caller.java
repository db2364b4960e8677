package org.carerota.api.security;

import java.util.Optional;
import java.util.UUID;

import org.carerota.api.shared.database.TenantContext;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A signed-in person as their access token describes them.
 *
 * @param user the token's subject (the username of the built-in issuer)
 * @param role their role, if the token names a valid one
 * @param organisationId their organisation, if the token names one
 * @param carerId the carer they are (carers only)
 */
public record Caller(String user, Optional<Role> role, @Nullable UUID organisationId, @Nullable UUID carerId) {

    /** The role the database sees when a token names no valid role: every policy is false. */
    public static final String NO_ROLE = "NONE";

    static Caller from(Jwt jwt, SecurityProperties.Jwt claims) {
        Optional<Role> role = Role.fromClaim(jwt.getClaims().get(claims.roleClaim()));
        UUID organisation = uuid(jwt.getClaims().get(claims.organisationClaim()));
        UUID carer = uuid(jwt.getClaims().get(claims.carerClaim()));
        if (organisation == null || (role.isPresent() && role.get() == Role.CARER && carer == null)) {
            role = Optional.empty();
        }
        if (role.isEmpty() || role.get() != Role.CARER) {
            carer = null;
        }
        String subject = jwt.getSubject() == null ? "" : jwt.getSubject();
        return new Caller(subject, role, organisation, carer);
    }

    /** What the database's row-level security is told about this caller. */
    public TenantContext tenantContext() {
        return new TenantContext(user, role.map(Role::name).orElse(NO_ROLE), organisationId, carerId);
    }

    private static @Nullable UUID uuid(@Nullable Object claim) {
        if (claim == null) {
            return null;
        }
        try {
            return UUID.fromString(claim.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
