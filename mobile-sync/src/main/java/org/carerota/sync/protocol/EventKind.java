package org.carerota.sync.protocol;

import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** What a pushed event records. */
public enum EventKind {
    CHECK_IN,
    CHECK_OUT,
    /** needs {@code taskCode} */
    TASK_DONE,
    /** needs {@code taskCode} and {@code reason} */
    TASK_NOT_DONE,
    NOTE,
    /** needs {@code reason} */
    COULD_NOT_DELIVER;

    public static Optional<EventKind> parse(@Nullable String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public boolean needsTaskCode() {
        return this == TASK_DONE || this == TASK_NOT_DONE;
    }

    public boolean needsReason() {
        return this == TASK_NOT_DONE || this == COULD_NOT_DELIVER;
    }

    /** Whether the event says the carer was there delivering care (pins the visit to them). */
    public boolean isDelivery() {
        return this == CHECK_IN || this == CHECK_OUT || this == TASK_DONE || this == TASK_NOT_DONE;
    }
}
