package org.carerota.api.carer;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A carer as the API shows them. */
public record Carer(
        UUID id,
        String name,
        UUID poolId,
        UUID organisationId,
        @Nullable String gender,
        String travelMode,
        @Nullable Integer contractedMinutesPerWeek,
        String payModel,
        long version) {}
