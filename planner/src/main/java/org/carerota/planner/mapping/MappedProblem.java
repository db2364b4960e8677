package org.carerota.planner.mapping;

import java.time.LocalDateTime;

import org.carerota.planner.domain.CareRota;
import org.carerota.planner.io.ProblemDocument;

/**
 * A problem document and its planning model.
 *
 * @param document the problem as read
 * @param rota the planning solution to solve
 * @param epoch the local date-time of tick 0
 */
public record MappedProblem(ProblemDocument document, CareRota rota, LocalDateTime epoch) {

    /** The local date-time of a tick (minutes for care problems). */
    public LocalDateTime time(long ticks) {
        return epoch.plusMinutes(ticks);
    }
}
