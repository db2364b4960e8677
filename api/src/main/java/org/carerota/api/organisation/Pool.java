package org.carerota.api.organisation;

import java.util.UUID;

/** A staff pool owned by one organisation. */
public record Pool(
        UUID id,
        String name,
        String sector,
        UUID organisationId,
        double costPerHour,
        boolean servesAllCommissioners,
        long version) {}
