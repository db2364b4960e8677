package org.carerota.api.report;

import java.util.List;

/** A grouping the report does not know. */
public record UnknownGrouping(String message, String grouping, List<String> allowed) implements ReportProblem {

    static UnknownGrouping of(String grouping) {
        List<String> allowed = Grouping.names();
        return new UnknownGrouping(
                "Unknown grouping '" + grouping + "'; use any of " + String.join(", ", allowed), grouping, allowed);
    }
}
