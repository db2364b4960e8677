package org.carerota.api.rota;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A carer in one slot of a visit in a plan. */
public record Assignment(
        UUID id,
        long version,
        UUID planId,
        UUID visitId,
        UUID carerId,
        LocalDate date,
        int position,
        int slotIndex,
        OffsetDateTime arrivalAt,
        OffsetDateTime startAt,
        OffsetDateTime endAt,
        double travelMinutesBefore,
        boolean pinned,
        boolean manual,
        List<String> brokenConstraints) {}
