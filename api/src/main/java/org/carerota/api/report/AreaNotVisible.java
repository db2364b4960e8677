package org.carerota.api.report;

import java.util.UUID;

/** The area does not exist or the caller may not report on it (both answer the same). */
public record AreaNotVisible(String message, UUID areaId) implements ReportProblem {

    static AreaNotVisible of(UUID area) {
        return new AreaNotVisible("Area " + area + " does not exist or you may not report on it", area);
    }
}
