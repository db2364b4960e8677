package org.carerota.sync.protocol;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Today's access notes. {@code updated} is the complete set for {@code validOn} (sent on every
 * pull: the device replaces what it holds); {@code deleted} lists service users whose notes the
 * carer may no longer see (access withdrawn: the visit was taken away today).
 */
public record AccessNoteChanges(@Nullable LocalDate validOn, List<AccessNote> updated, List<UUID> deleted) {

    public AccessNoteChanges {
        updated = List.copyOf(updated);
        deleted = List.copyOf(deleted);
    }

    public static AccessNoteChanges none() {
        return new AccessNoteChanges(null, List.of(), List.of());
    }
}
