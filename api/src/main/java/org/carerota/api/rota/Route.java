package org.carerota.api.rota;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** One carer's day in a plan, with the assignments in visiting order. */
public record Route(
        UUID planId,
        UUID carerId,
        LocalDate date,
        @Nullable OffsetDateTime leavesAt,
        @Nullable OffsetDateTime returnsAt,
        List<Assignment> assignments) {}
