package org.carerota.api.serviceuser;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A person supported at home, as the API shows them. */
public record ServiceUser(
        UUID id,
        UUID organisationId,
        String name,
        UUID areaId,
        @Nullable String postcode,
        Location location,
        @Nullable String genderPreference,
        long version) {

    /** A point on the map (WGS 84). */
    public record Location(double lat, double lon) {}
}
