package org.carerota.sync.feed;

import java.util.Set;
import java.util.UUID;

/** What a feed write appended: counts of rows and the carers whose feeds moved (they get a NOTIFY). */
public record FeedWriteSummary(int upserts, int deletes, int accessWithdrawn, Set<UUID> carers) {

    public FeedWriteSummary {
        carers = Set.copyOf(carers);
    }

    public static FeedWriteSummary empty() {
        return new FeedWriteSummary(0, 0, 0, Set.of());
    }

    public FeedWriteSummary plus(FeedWriteSummary other) {
        var all = new java.util.HashSet<>(carers);
        all.addAll(other.carers);
        return new FeedWriteSummary(
                upserts + other.upserts, deletes + other.deletes, accessWithdrawn + other.accessWithdrawn, all);
    }

    public boolean isEmpty() {
        return upserts == 0 && deletes == 0 && accessWithdrawn == 0;
    }
}
