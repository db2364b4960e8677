package org.carerota.sync.feed;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The payload of a {@code VISIT} {@code DELETE} row: which visit left the carer's rota and why
 * ({@code UNASSIGNED}: removed from or moved away from this carer by a published plan).
 */
public record VisitTombstone(UUID visitId, LocalDate serviceDate, UUID areaId, UUID serviceUserId, String reason) {

    public static final String UNASSIGNED = "UNASSIGNED";
}
