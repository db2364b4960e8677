package org.carerota.planner.replan;

import java.time.LocalDateTime;

import org.carerota.planner.io.ProblemDocument;
import org.jspecify.annotations.Nullable;

/** Something that happened on the day and calls for re-planning. */
public sealed interface Disruption {

    /**
     * A carer cannot work from a time (sickness).
     *
     * @param until when the carer is back, or {@code null} for the rest of the horizon
     */
    record CarerAbsent(String carer, LocalDateTime from, @Nullable LocalDateTime until, String reason)
            implements Disruption {}

    /** A new visit to fit in (for example an urgent hospital discharge). */
    record UrgentVisit(ProblemDocument.Visit visit) implements Disruption {}

    /** A visit no longer wanted. */
    record VisitCancelled(String visit) implements Disruption {}

    /** A visit takes longer than planned: it is now expected to end at {@code expectedEnd}. */
    record VisitOverrunning(String visit, LocalDateTime expectedEnd) implements Disruption {}
}
