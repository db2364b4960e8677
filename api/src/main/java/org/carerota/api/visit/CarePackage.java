package org.carerota.api.visit;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A care package as the API shows it: who, who pays, its dates; its templates are a nested field. */
public record CarePackage(
        UUID id,
        UUID serviceUserId,
        UUID commissionerId,
        @Nullable String reference,
        LocalDate startsOn,
        @Nullable LocalDate endsOn,
        boolean archived,
        long version,
        OffsetDateTime createdAt) {}
