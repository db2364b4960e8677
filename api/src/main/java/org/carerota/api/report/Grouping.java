package org.carerota.api.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How a capacity report groups its figures (GraphQL {@code ReportGrouping}). */
public enum Grouping {
    /** The child area of the requested area that holds the visit (or the area itself). */
    AREA,
    /** The ISO week (Monday to Sunday), by its Monday. */
    WEEK,
    /** The Europe/London day. */
    DAY,
    /** HEALTH or SOCIAL_CARE: of the care (from its commissioner) or, for workforce figures, of the staff pool. */
    SECTOR,
    /** The organisation paying for the care. */
    COMMISSIONER,
    /** The staff pool of the carer. */
    POOL;

    static Optional<Grouping> parse(String text) {
        String name = text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(g -> g.name().equals(name)).findFirst();
    }

    static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }
}
