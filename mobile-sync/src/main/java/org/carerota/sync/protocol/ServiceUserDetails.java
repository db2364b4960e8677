package org.carerota.sync.protocol;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** Only what a carer needs to reach the person: name, address, postcode and where the door is. */
public record ServiceUserDetails(
        UUID id, String name, @Nullable String address, @Nullable String postcode, double lat, double lon) {}
