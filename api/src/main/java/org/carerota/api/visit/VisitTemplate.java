package org.carerota.api.visit;

import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A recurring visit of a care package (local Europe/London wall-clock times). */
public record VisitTemplate(
        UUID id,
        UUID carePackageId,
        @Nullable String label,
        List<Integer> daysOfWeek,
        int everyWeeks,
        LocalTime windowStart,
        LocalTime windowEnd,
        @Nullable LocalTime preferredStart,
        int durationMinutes,
        int carersRequired,
        String priority,
        List<Skill> requiredSkills) {

    /** The template as an input, to re-expand it unchanged. */
    VisitCommands.VisitTemplateInput input() {
        return new VisitCommands.VisitTemplateInput(
                label,
                daysOfWeek,
                everyWeeks,
                windowStart,
                windowEnd,
                preferredStart,
                durationMinutes,
                carersRequired,
                priority,
                requiredSkills.stream().map(Skill::code).toList(),
                id);
    }
}
