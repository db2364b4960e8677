package org.carerota.api.rota;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A visit place a plan could not fill, with the planner's reasons. */
public record UnassignedVisit(UUID planId, UUID visitId, LocalDate date, int slotIndex, List<String> reasons) {}
