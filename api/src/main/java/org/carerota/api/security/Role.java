package org.carerota.api.security;

import java.util.Locale;
import java.util.Optional;

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

    /** The role a claim names, if it names one (case-insensitive; "SYSTEM" names none). */
    public static Optional<Role> fromClaim(@Nullable Object claim) {
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
