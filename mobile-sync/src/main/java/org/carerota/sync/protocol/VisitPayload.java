package org.carerota.sync.protocol;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One visit as one carer holds it: the payload of a {@code VISIT} {@code UPSERT} row of the change
 * feed and an element of {@code changes.visits.created/updated} in a pull. Instants are UTC,
 * {@code serviceDate} is the Europe/London day. See mobile-sync/README.md, "Feed payload".
 *
 * @param visitId the visit (the entity id of the feed row)
 * @param organisationId the organisation owning the visit (and the care record of its events)
 * @param areaId the area of the published plan that holds the visit
 * @param planId the published plan the assignment comes from
 * @param planRevision that plan's revision (the "rota version" carers see)
 * @param slotIndex which carer slot of the visit this carer fills (0 unless a double-up)
 * @param position the visit's place in the carer's day (0 = first)
 * @param plannedArrival when the plan expects the carer to arrive
 * @param plannedStart when care should start (arrival or the window start, whichever is later)
 * @param plannedEnd plannedStart plus the duration
 * @param status PLANNED, IN_PROGRESS, DELIVERED, NOT_DELIVERED or CANCELLED
 * @param coWorkers the other carers of a double-up (empty otherwise)
 */
public record VisitPayload(
        UUID visitId,
        UUID organisationId,
        UUID areaId,
        @Nullable UUID planId,
        @Nullable Integer planRevision,
        LocalDate serviceDate,
        int slotIndex,
        int position,
        Instant windowStart,
        Instant windowEnd,
        @Nullable Instant preferredStart,
        Instant plannedArrival,
        Instant plannedStart,
        Instant plannedEnd,
        int durationMinutes,
        int carersRequired,
        String priority,
        String status,
        double travelMinutesBefore,
        List<Task> tasks,
        @Nullable String note,
        ServiceUserDetails serviceUser,
        List<CoWorker> coWorkers) {

    public VisitPayload {
        tasks = List.copyOf(tasks);
        coWorkers = List.copyOf(coWorkers);
    }

    /** The same visit without the plan it came from: what changing means to a carer. */
    public VisitPayload withoutPlan() {
        return new VisitPayload(
                visitId,
                organisationId,
                areaId,
                null,
                null,
                serviceDate,
                slotIndex,
                position,
                windowStart,
                windowEnd,
                preferredStart,
                plannedArrival,
                plannedStart,
                plannedEnd,
                durationMinutes,
                carersRequired,
                priority,
                status,
                travelMinutesBefore,
                tasks,
                note,
                serviceUser,
                coWorkers);
    }
}
