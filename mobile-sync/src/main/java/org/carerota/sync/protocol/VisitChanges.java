package org.carerota.sync.protocol;

import java.util.List;
import java.util.UUID;

/**
 * Changes to the carer's visits. {@code created} and {@code updated} are both upserts for the device
 * (created: the device cannot have held the visit at its checkpoint); {@code deleted} are visit ids
 * to drop (un-assigned, moved to another carer or day outside the device's view).
 */
public record VisitChanges(List<VisitPayload> created, List<VisitPayload> updated, List<UUID> deleted) {

    public VisitChanges {
        created = List.copyOf(created);
        updated = List.copyOf(updated);
        deleted = List.copyOf(deleted);
    }

    public static VisitChanges none() {
        return new VisitChanges(List.of(), List.of(), List.of());
    }

    public boolean isEmpty() {
        return created.isEmpty() && updated.isEmpty() && deleted.isEmpty();
    }
}
