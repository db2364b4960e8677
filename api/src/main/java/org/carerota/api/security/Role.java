package org.carerota.api.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a signed-in person may do. The database's row-level security knows the same names
 * ({@code carerota.role}); {@code SYSTEM}, the platform's own work, is never a role of a person
 * and no token can claim it.
 */
public enum Role {
    /** Administers their own organisation: its users and settings, and everything a coordinator does. */
    ADMIN,
    /** Runs their own organisation's care, and reads the pools shared with it by agreement. */
    COORDINATOR,
    /** Sees their own schedule only: their visits and the people they visit. */
    CARER,
    /** Sees aggregates for their own council or ICB; never person-level rows. */
    COMMISSIONER;

    /**
     * The role a claim names, if it names exactly one (case-insensitive, an optional {@code ROLE_}
     * prefix; "SYSTEM" names none). Identity providers such as Microsoft Entra ID and Keycloak put
     * roles in an array ({@code roles}, {@code groups}): a collection names the one CareRota role
     * among its elements, ignoring the others; a collection naming two different CareRota roles
     * names none (the token is refused any access rather than guessed at).
     */
    public static Optional<Role> fromClaim(@Nullable Object claim) {
        if (claim instanceof Collection<?> values) {
            Set<Role> named = EnumSet.noneOf(Role.class);
            for (Object value : values) {
                if (!(value instanceof Collection<?>)) {
                    fromClaim(value).ifPresent(named::add);
                }
            }
            return named.size() == 1 ? Optional.of(named.iterator().next()) : Optional.empty();
        }
        return fromText(claim);
    }

    /** How many different CareRota roles a claim names (0, 1 or more). */
    static int namedIn(@Nullable Object claim) {
        if (claim instanceof Collection<?> values) {
            return (int) values.stream()
                    .filter(value -> !(value instanceof Collection<?>))
                    .map(Role::fromText)
                    .flatMap(Optional::stream)
                    .distinct()
                    .count();
        }
        return fromText(claim).isPresent() ? 1 : 0;
    }

    private static Optional<Role> fromText(@Nullable Object claim) {
        if (claim == null) {
            return Optional.empty();
        }
        String text = claim.toString().trim().toUpperCase(Locale.ROOT);
        if (text.startsWith("ROLE_")) {
            text = text.substring(5);
        }
        for (Role role : values()) {
            if (role.name().equals(text)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** The Spring Security authority of this role ({@code ROLE_COORDINATOR}). */
    public String authority() {
        return "ROLE_" + name();
    }
}
