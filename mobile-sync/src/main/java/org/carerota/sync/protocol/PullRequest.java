package org.carerota.sync.protocol;

import org.jspecify.annotations.Nullable;

/**
 * A device asks for the carer's changes after {@code checkpoint}.
 *
 * @param checkpoint the opaque checkpoint of the previous answer; null, empty or {@code "0"} asks
 *     for a snapshot of the carer's horizon
 * @param schemaVersion the protocol version the device speaks ({@link SchemaVersions})
 * @param limit the most changes wanted in one page; null takes the server default, larger values are
 *     capped
 */
public record PullRequest(@Nullable String checkpoint, int schemaVersion, @Nullable Integer limit) {

    public static PullRequest snapshot(int schemaVersion) {
        return new PullRequest(null, schemaVersion, null);
    }

    public static PullRequest after(@Nullable String checkpoint) {
        return new PullRequest(checkpoint, SchemaVersions.CURRENT, null);
    }
}
